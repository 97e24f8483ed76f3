"""Pairs of submissions whose code is near-identical once names, comments and docstrings are
set aside — for the instructor to look at, not a verdict.

Code is reduced to its token stream: every identifier becomes `N` (keywords stay), comments,
docstrings and blank lines go. Pairs are compared with difflib's ratio, after its cheap upper
bounds rule most pairs out. Submissions that are still the starter are left out: everyone
shares that.
"""

from __future__ import annotations

import difflib
import io
import keyword
import tokenize
from dataclasses import dataclass
from pathlib import Path

from lossdrill.errors import LossdrillError

_DROP = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}


@dataclass(frozen=True)
class Pair:
    exercise: str
    first: str
    second: str
    ratio: float


def normalise(source: str) -> list[str]:
    tokens: list[str] = []
    previous = tokenize.NEWLINE
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in _DROP:
                continue
            if tok.type == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT,
                                                            tokenize.DEDENT):
                previous = -1  # a docstring (or a bare string statement): dropped
                continue
            if previous == -1 and tok.type == tokenize.NEWLINE:
                previous = tokenize.NEWLINE
                continue
            previous = tok.type
            if tok.type == tokenize.NAME and not keyword.iskeyword(tok.string):
                tokens.append("N")
            else:
                tokens.append(tok.string if tok.type != tokenize.NEWLINE else ";")
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source.split()  # not Python a tokenizer can read: compare its words
    return tokens


def _source(path: Path) -> str:
    if path.suffix == ".ipynb":
        from lossdrill.notebook import gather_notebook

        return gather_notebook(path).source
    return path.read_text(encoding="utf-8", errors="replace")


def _ratio(a: list[str], b: list[str], threshold: float) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    return matcher.ratio()


def similar_pairs(files: dict[str, dict[str, Path]], starters: dict[str, str],
                  threshold: float = 0.95) -> list[Pair]:
    """``files``: exercise → student → file. Pairs at or above ``threshold``, most alike
    first."""
    pairs: list[Pair] = []
    for exercise, by_student in files.items():
        starter = normalise(starters.get(exercise, ""))
        streams: list[tuple[str, list[str]]] = []
        for student, path in sorted(by_student.items()):
            try:
                tokens = normalise(_source(path))
            except (OSError, LossdrillError):
                continue
            if len(tokens) < 5 or (starter and _ratio(tokens, starter, threshold) >= threshold):
                continue
            streams.append((student, tokens))
        for i, (first, a) in enumerate(streams):
            for second, b in streams[i + 1:]:
                ratio = 1.0 if a == b else _ratio(a, b, threshold)
                if ratio >= threshold:
                    pairs.append(Pair(exercise, first, second, round(ratio, 3)))
    return sorted(pairs, key=lambda p: (-p.ratio, p.exercise, p.first, p.second))
