"""Winnowed fingerprints of a source file, as MOSS takes them (Schleimer, Wilkerson and Aiken,
"Winnowing: local algorithms for document fingerprinting", SIGMOD 2003).

The source becomes a stream of normalised tokens: every identifier `N`, every number `0`,
every string `S`; comments, docstrings, blank lines and indentation go; keywords, operators
and names after a dot stay (`np.mean` is not `np.sum`: those names are the library's, not the
learner's, and say what the code does). So renaming variables, rewording comments and
changing literals or layout leave the stream as it was. Python's `tokenize` reads the
source; text it cannot read (a syntax error, an unterminated string, a bad dedent) is read by
a simpler scanner that yields the same stream for ordinary code, so a broken file is still
compared, never an error.

The stream is cut at every top-level statement (a function, an import, …) and k-grams never
span a cut: reordering functions changes no fingerprint. Of each block's k-gram hashes, the
smallest in every window of W consecutive hashes is kept: a passage of W + K - 1 tokens that
two files share always yields a fingerprint they share, while only about 2/(W + 1) of the
hashes are kept.
"""

from __future__ import annotations

import io
import keyword
import re
import tokenize
import zlib
from functools import lru_cache
from pathlib import Path

from lossdrill.safefile import read_head

K = 6  # tokens per k-gram: `N ( N , N )` alone is too common to mean anything
W = 4  # hashes per window
# Characters of a file compared: far beyond any honest answer to an exercise (a 4,000-line
# file holds about 150,000), and a bound on the time a huge file can take.
MAX_CHARS = 500_000

_SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING,
         tokenize.ENDMARKER}
# Python 3.12 splits an f-string into parts; its text is a literal, its start stands for it.
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)
_OPEN, _CLOSE = "([{", ")]}"

# (column of its first token, its normalised tokens, the source line of each token)
Line = tuple[int, list[str], list[int]]


def _name(text: str, previous: list[str]) -> str:
    return text if keyword.iskeyword(text) or (previous and previous[-1] == ".") else "N"


def _word(kind: int, text: str, previous: list[str]) -> str:
    if kind == tokenize.NAME:
        return _name(text, previous)
    if kind == tokenize.NUMBER:
        return "0"
    if kind in (tokenize.STRING, _FSTRING_START):
        return "S"
    return text


def _lines_by_tokenize(source: str) -> list[Line]:
    lines: list[Line] = []
    current: list[str] = []
    where: list[int] = []
    column = fstrings = 0
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (_FSTRING_START, _FSTRING_END):
            fstrings += 1 if tok.type == _FSTRING_START else -1
            if tok.type == _FSTRING_END or fstrings > 1:
                continue
        elif tok.type == tokenize.ERRORTOKEN:
            # Text Python cannot read (a `$`, a string left open). The pure-Python tokenize
            # goes on one character later and scans the run of blanks before it, or the
            # rest of the line, again: a long enough line takes hours. The scanner reads
            # such text in one pass.
            raise tokenize.TokenError("not Python", tok.start)
        elif tok.type in _SKIP or fstrings:
            continue
        if tok.type == tokenize.NEWLINE:
            if current:
                lines.append((column, current, where))
            current, where = [], []
            continue
        if not current:
            column = tok.start[1]
        current.append(_word(tok.type, tok.string, current))
        where.append(tok.start[0])
    if current:
        lines.append((column, current, where))
    return lines


_SCAN = re.compile(r"""
    (?P<newline>\\?\r?\n)
  | (?P<space>[ \t\f\r]+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>[rRbBuUfF]{0,2}(?:'''[\s\S]*?(?:'''|\Z)|\"\"\"[\s\S]*?(?:\"\"\"|\Z)
                              |'(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?))
  | (?P<number>\.?\d(?:[eE][-+]?\d|[\w.])*)
  | (?P<name>[^\W\d]\w*)
  | (?P<op>\*\*=?|//=?|>>=?|<<=?|->|:=|\.\.\.|[-+*/%&|^@=<>!]=|\S)
""", re.VERBOSE)


def _lines_by_scanner(source: str) -> list[Line]:
    """The same logical lines as `tokenize` gives for code it reads, from a regular
    expression that reads anything."""
    lines: list[Line] = []
    current: list[str] = []
    where: list[int] = []
    column = depth = 0
    line = 1
    for match in _SCAN.finditer(source):
        kind, text = match.lastgroup, match.group()
        at, line = line, line + text.count("\n")  # a string may span lines
        if kind == "newline":
            if depth == 0 and not text.startswith("\\") and current:
                lines.append((column, current, where))
                current, where = [], []
            continue
        if kind in ("space", "comment"):
            continue
        if not current:
            column = match.start() - (source.rfind("\n", 0, match.start()) + 1)
        where.append(at)
        if kind == "name":
            current.append(_name(text, current))
        elif kind in ("number", "string"):
            current.append("0" if kind == "number" else "S")
        else:
            depth = max(0, depth + (text in _OPEN) - (text in _CLOSE))
            current.append(text)
    if current:
        lines.append((column, current, where))
    return lines


def located_blocks(source: str) -> list[tuple[list[str], list[int]]]:
    """The normalised token stream, one list per top-level statement, with the source line
    of each token; every logical line ends with `;`. Lines of strings alone (docstrings) are
    left out."""
    try:
        lines = _lines_by_tokenize(source)
    except (tokenize.TokenError, SyntaxError, ValueError):
        lines = _lines_by_scanner(source)
    out: list[tuple[list[str], list[int]]] = []
    for column, tokens, where in lines:
        if all(t == "S" for t in tokens):
            continue
        if column == 0 or not out:
            out.append(([], []))
        out[-1][0].extend(tokens if tokens[-1] == ";" else [*tokens, ";"])
        out[-1][1].extend(where if tokens[-1] == ";" else [*where, where[-1]])
    return out


def blocks(source: str) -> list[list[str]]:
    """located_blocks without the lines."""
    return [tokens for tokens, _ in located_blocks(source)]


def normalise(source: str) -> list[str]:
    return [t for block in blocks(source) for t in block]


@lru_cache(maxsize=4096)
def _token_id(token: str) -> int:
    # Stable across runs (str hashes are salted per process), so reports are reproducible.
    return zlib.crc32(token.encode("utf-8", "surrogatepass"))


def _gram_hashes(block: list[str]) -> list[int]:
    ids = [_token_id(t) for t in block]
    if len(ids) <= K:
        return [hash(tuple(ids))]  # tuples of ints hash the same in every run
    return list(map(hash, zip(*(ids[j:] for j in range(K)), strict=False)))


def all_grams(source: str) -> set[int]:
    """Every k-gram hash, not only the winnowed ones: what a starter or a reference holds."""
    return {h for block in blocks(source) for h in _gram_hashes(block)}


def gram_lines(source: str) -> dict[int, set[int]]:
    """Every k-gram hash of ``source`` (as all_grams gives them) → the lines its tokens are
    on: where two files share code, the lines to show."""
    out: dict[int, set[int]] = {}
    for tokens, where in located_blocks(source):
        hashes = _gram_hashes(tokens)
        spans = [where] if len(tokens) <= K else [where[j:j + K] for j in range(len(hashes))]
        for digest, span in zip(hashes, spans, strict=True):
            out.setdefault(digest, set()).update(span)
    return out


def fingerprints(source: str) -> set[int]:
    out: set[int] = set()
    for block in blocks(source):
        hashes = _gram_hashes(block)
        if len(hashes) <= W:
            out.add(min(hashes))
        else:
            out.update(map(min, zip(*(hashes[j:] for j in range(W)), strict=False)))
    return out


def read_source(path: Path, *, follow: bool = False) -> str:
    """A submission's code, at most MAX_CHARS of it; a notebook's code cells. Read as
    safefile reads a learner's file: a regular file only (a pipe would block, a device never
    end), a link followed only when ``follow``. Raises LossdrillError."""
    if path.suffix == ".ipynb":
        from lossdrill.service.notebook import gather_notebook

        return gather_notebook(path).source[:MAX_CHARS]
    head = read_head(path, follow=follow, size=4 * MAX_CHARS)  # UTF-8: 4 bytes a character
    return head.decode("utf-8", "replace")[:MAX_CHARS]
