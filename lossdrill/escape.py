"""Text a learner controls, made inert for each kind of output.

A learner's exception messages, printed output, function and class names and file names are
data. They may hold control characters (an ANSI escape would recolour or rewrite the
terminal), lone surrogates (the bytes of a file name that is not UTF-8, as Python keeps them;
or a "\\ud800" a learner returned), bidirectional overrides (which reorder what a reader
sees), characters XML forbids, or text a spreadsheet would run as a formula. Each output
passes such text through the function for its format here, and shows it literally:

- ``visible``: for terminals, Markdown and logs; every one of those characters as an escape
  (``\\x1b``, ``\\u202e``, and ``\\xff`` for a byte of a name that is not UTF-8);
- ``utf8``: for JSON and other UTF-8 documents; only what cannot be encoded is escaped;
- ``xml``: for XML text and attributes; what XML 1.0 forbids, escaped;
- ``csv_cell``: for a spreadsheet cell; a leading ``= + - @`` (or tab, carriage return)
  is quoted with ``'``, as OWASP's rule on CSV injection says.

Nothing here imports more than the standard library: every floor may use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# C0 controls but tab and newline, DEL, C1 controls; lone surrogates; bidi embeddings,
# overrides and isolates; the two non-characters XML forbids.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATE = "\ud800-\udfff"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_VISIBLE = re.compile(f"[{_CONTROL}{_SURROGATE}{_BIDI}\ufffe\uffff]")
_VISIBLE_ONE_LINE = re.compile(f"[\t\n{_CONTROL}{_SURROGATE}{_BIDI}\ufffe\uffff]")
_UTF8 = re.compile(f"[{_SURROGATE}]")
# XML 1.0 allows tab, newline and carriage return among the C0 controls; a lone carriage
# return would be normalised away by a parser, so it is escaped too.
_XML = _VISIBLE
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control, surrogate and bidi character shown as an escape (tabs and
    newlines too when ``one_line``)."""
    return (_VISIBLE_ONE_LINE if one_line else _VISIBLE).sub(_escape, text)


def utf8(text: str) -> str:
    """``text`` that encodes as UTF-8: lone surrogates shown as escapes, nothing else
    changed."""
    return _UTF8.sub(_escape, text)


def xml(text: str) -> str:
    """``text`` that XML 1.0 can hold (markup characters are the XML writer's to escape)."""
    return _XML.sub(_escape, text)


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula is quoted."""
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def deep(value: object, clean: Callable[[str], str] = utf8) -> object:
    """``value`` (dicts, lists, strings, numbers) with ``clean`` applied to every string in
    it, keys included."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {deep(k, clean): deep(v, clean) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [deep(v, clean) for v in value]
    return value
