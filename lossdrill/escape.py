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
  is quoted with ``'``, as OWASP's rule on CSV injection says;
- ``github_log``: for text GitHub's runner reads from a step's output, where a line that
  starts with ``::`` (after blanks) or holds ``##[`` is a workflow command: those are shown
  as ``\\x3a:`` and ``##\\x5b`` (``command_free`` does only that, for text already
  rendered); ``github_data`` and ``github_property`` escape the message and the properties
  of a workflow command lossdrill writes itself, by GitHub's own rules.

Nothing here imports more than the standard library: every floor may use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# C0 controls but tab and newline, DEL, C1 controls; lone surrogates; bidi embeddings,
# overrides and isolates; the line and paragraph separators (a line break to some readers,
# not to others); the two non-characters XML forbids.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATE = "\ud800-\udfff"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_OTHER = "\u2028\u2029\ufffe\uffff"
_VISIBLE = re.compile(f"[{_CONTROL}{_SURROGATE}{_BIDI}{_OTHER}]")
_VISIBLE_ONE_LINE = re.compile(f"[\t\n{_CONTROL}{_SURROGATE}{_BIDI}{_OTHER}]")
_UTF8 = re.compile(f"[{_SURROGATE}]")
# XML 1.0 allows tab, newline and carriage return among the C0 controls; a lone carriage
# return would be normalised away by a parser, so it is escaped too.
_XML = _VISIBLE
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# GitHub's runner reads a step's stdout and stderr a line at a time (a line ends at \n or
# \r) and takes for a workflow command a line that starts with `::` once leading white space
# is trimmed, or one that holds `##[` anywhere (the older form).
_COMMAND_START = re.compile(r"(?:^|(?<=[\r\n]))([^\S\r\n]*)::")
_OLD_COMMAND = "##["
# GitHub's escaping of a workflow command's message, and of its properties (`file=`,
# `title=`), which `,` and `:` would otherwise end. `%` goes first: it starts the others.
_GITHUB_DATA = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_GITHUB_PROPERTY = (*_GITHUB_DATA, (":", "%3A"), (",", "%2C"))


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


def command_free(text: str) -> str:
    """``text`` in which GitHub's runner finds no workflow command: a leading ``::`` shown as
    ``\\x3a:``, every ``##[`` as ``##\\x5b``. Nothing else changes (text already rendered,
    with its colours, stays as it is)."""
    return _COMMAND_START.sub(r"\1\\x3a:", text).replace(_OLD_COMMAND, "##\\x5b")


def github_log(text: str) -> str:
    """``text`` for a GitHub Actions log: ``visible``, and no line of it a workflow
    command."""
    return command_free(visible(text))


def github_data(text: str) -> str:
    """The message of a workflow command (``::error ...::MESSAGE``): ``visible``, and one
    line however many the text has (GitHub shows them again)."""
    text = visible(text)
    for char, code in _GITHUB_DATA:
        text = text.replace(char, code)
    return text


def github_property(text: str) -> str:
    """The value of a workflow command's property (``file=VALUE``, ``title=VALUE``):
    ``visible``, on one line."""
    text = visible(text, one_line=True)
    for char, code in _GITHUB_PROPERTY:
        text = text.replace(char, code)
    return text


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
