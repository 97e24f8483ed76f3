"""Text that wraps as cleanly in Chinese as in English.

rich breaks lines at spaces only, and measures a run without spaces as one word: a Chinese
sentence is one long word to it, so a table cell holding one is folded at an arbitrary cell
or cut with an ellipsis, and `name:` followed by a sentence is left alone on its line. A line
of Chinese may break between any two characters, except before closing punctuation (，。：）)
and after opening punctuation (（「): ``wrapping`` gives rich a renderable that breaks so,
with the widths measured in display cells. Text without wide characters is left to rich.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# A line never starts with closing punctuation, nor ends with opening punctuation (Chinese
# typesetting's rule, and ASCII's: no line starts with the comma of the one before).
_OPENING = "（「『《〈【〔“‘"
_CLOSING = "，。、：；！？）」』》〉】〕”’,.:;!?)]}…%"


def has_wide(text: str) -> bool:
    return cell_len(text) != len(text)


def wrapping(text: Text) -> Text | Wrapped:
    """``text`` as a renderable that wraps Chinese between characters (itself when it holds
    no wide character)."""
    return Wrapped(text) if has_wide(text.plain) else text


def units(line: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each unit of ``line`` no break may fall inside: a wide character,
    or a run of narrow ones (a word), with the closing punctuation and spaces after it and the
    opening punctuation before it."""
    start = 0
    for i in range(1, len(line)):
        ch, prev = line[i], line[i - 1]
        if ch.isspace() or (ch in _CLOSING and not prev.isspace()) or prev in _OPENING:
            continue
        if prev.isspace() or _wide(ch) or ch in _OPENING or _wide(prev):
            yield start, i
            start = i
    if line:
        yield start, len(line)


def _wide(ch: str) -> bool:
    return cell_len(ch) > 1


def breaks(line: str, width: int) -> list[int]:
    """Offsets in ``line`` to break it at so that no piece is wider than ``width`` cells;
    a unit wider than a line is chopped by cells."""
    offsets: list[int] = []
    used = 0
    for start, end in units(line):
        unit = line[start:end]
        size, bare = cell_len(unit), cell_len(unit.rstrip())
        if used + bare <= width:
            used += size
            continue
        if start:
            offsets.append(start)
        used = 0
        if bare > width:  # one unit wider than the line: chopped
            for piece in chop_cells(unit, width)[:-1]:
                start += len(piece)
                offsets.append(start)
            unit = line[start:end]
            size = cell_len(unit)
        used = size
    return [o for o in offsets if 0 < o < len(line)]


class Wrapped:
    """A ``Text`` that breaks lines as ``breaks`` says, its style kept."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.text.plain.split("\n")
        widest = max(cell_len(line.rstrip()) for line in lines)
        narrowest = max((cell_len(line[s:e].rstrip()) for line in lines
                         for s, e in units(line)), default=0)
        return Measurement(min(narrowest, options.max_width), min(widest, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        for line in self.text.split("\n", allow_blank=True):
            pieces = line.divide(breaks(line.plain, width)) if line.plain else [line]
            for piece in pieces:
                piece.rstrip()
                piece.no_wrap = True
                piece.overflow = "crop"
                piece.end = "\n"
                yield piece
