"""The language of everything lossdrill says: English, or Simplified Chinese.

The language comes from ``--lang``, else ``LOSSDRILL_LANG``, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG`` starting with ``zh``), else English. Engine messages are written in
English in the code and wrapped in ``_()``, which looks up the Chinese template in
``lossdrill.i18n.zh.CATALOG``; texts of the exercises come from their specs
(``Exercise.text(path, language())``).
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("en", "zh")
_current: str | None = None


def detect() -> str:
    """The language the environment asks for: LOSSDRILL_LANG, else the locale, else en."""
    chosen = os.environ.get("LOSSDRILL_LANG", "").strip().lower()
    if chosen:
        return "zh" if chosen.startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:  # the first one set decides, as in POSIX
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str | None) -> str:
    """Use ``lang`` from now on (None: detect it again from the environment)."""
    global _current
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    _current = lang
    return language()


def language() -> str:
    return _current if _current is not None else detect()


def N_(template: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a template for translation where it is defined; ``_()`` translates it when used."""
    return template


def _(template: str, **fields: Any) -> str:
    """``template`` in the current language, formatted with ``fields`` (when any are given)."""
    if language() == "zh":
        from lossdrill.i18n.zh import CATALOG

        template = CATALOG.get(template, template)
    return template.format(**fields) if fields else template
