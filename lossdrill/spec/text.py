"""Texts written per language in a spec (``{en: …, zh: …}``): split into the English, which
the spec's fields hold, and the translations, recorded by key path."""

from __future__ import annotations

import re
from typing import Any

from lossdrill.i18n import LANGUAGES, _

# Keys whose value is text for the learner, and may be given per language.
TEXT_KEYS = frozenset({"title", "statement", "hints", "message", "summary", "reason", "name",
                       "x", "label"})
# A line break between two characters of a script written without spaces (CJK ideographs,
# kana, their punctuation): a Markdown renderer joins a paragraph's lines with a space, which
# in Chinese reads as a stray gap ("从大 到极小"). Such a break is dropped where the text is
# read; a line that starts with a space (a formula, a code block) is never joined.
_UNSPACED = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_JOINED = re.compile(f"(?<=[{_UNSPACED}])\n(?=[{_UNSPACED}])")

# Keys that are text only under `plot` (elsewhere `x` may be an argument's name).
_PLOT_TEXT_KEYS = frozenset({"x", "label"})


def split_languages(node: Any, path: str, out: dict[str, dict[str, str]],
                     text: bool = False) -> Any:
    """Replace every ``{en: …, zh: …}`` text by its English, recording the others by path."""
    if isinstance(node, dict):
        if text and node and set(node) <= set(LANGUAGES):
            if not isinstance(node.get("en"), str):
                raise ValueError(_("{path}: a text given per language needs its 'en' version",
                                   path=path))
            for lang, value in node.items():
                if not isinstance(value, str):
                    raise ValueError(_("{path}.{lang}: expected text, got {type}", path=path,
                                       lang=lang, type=type(value).__name__))
                if lang != "en":
                    out.setdefault(lang, {})[path] = _JOINED.sub("", value)
            return node["en"]
        return {k: split_languages(v, f"{path}.{k}" if path else str(k), out,
                                    _is_text_key(path, k))
                for k, v in node.items()}
    if isinstance(node, list):
        return [split_languages(v, f"{path}[{i}]", out, text) for i, v in enumerate(node)]
    return node


def _is_text_key(path: str, key: Any) -> bool:
    """Whether ``key`` under ``path`` holds a learner-facing text (a function's `name` or an
    argument called `x` does not)."""
    if key == "name":
        return ".tests[" in f".{path}"
    if key in _PLOT_TEXT_KEYS:
        return path == "plot" or path.startswith("plot.series[")
    return key in TEXT_KEYS
