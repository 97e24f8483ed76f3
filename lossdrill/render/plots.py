"""Loss curves in the terminal: drawn with plotext where the console is a terminal wide
enough for one, a small table of sampled points anywhere else (a pipe, a log, a narrow pane).

Two kinds of picture: a sweep (the loss against one variable, the learner's curve over the
reference's when a check fails) and a training curve (the loss by epoch of a task test).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lossdrill.grading.results import CheckResult, TestResult
from lossdrill.i18n import _

if TYPE_CHECKING:
    from lossdrill.grading.curves import Sweep

# Narrower than this, axes and ticks leave too little room for a curve: use the table.
MIN_WIDTH = 50
MAX_WIDTH = 100
HEIGHT = 14
TABLE_ROWS = 11
# More curves than this make a table of a row per curve; a sampled value takes at most
# NUMBER_WIDTH characters ("-8.557e-05").
COLUMNS_OF_CURVES = 4
NUMBER_WIDTH = 10
# 256-colour codes: references in cool colours, the learner's curves in warm ones, so the
# pair reads the same in any theme; markers differ too, for consoles without colour. The
# n-th series of a family (several labels, several γ) takes the n-th of each, cyclically.
_COLOURS = {"reference": (10, 14, 12, 13, 2), "learner": (9, 11, 208, 201, 3)}
_MARKERS = {"reference": ("braille", "·", "+", "∘", "="), "learner": ("•", "x", "*", "o", "#")}
_LEGEND = {"braille": "⠒⠒", "·": "··", "•": "••", "x": "xx", "+": "++", "∘": "∘∘", "=": "==",
           "*": "**", "o": "oo", "#": "##"}
_MARK_COLOUR = 244  # a threshold's vertical line: grey, behind the curves


@dataclass(frozen=True)
class Line:
    label: str
    role: str  # reference or learner
    x: Sequence[float]
    y: Sequence[float]
    colour: int
    marker: str
    series: str = ""  # which reference a learner's line is compared with


def can_draw(console: Console) -> bool:
    return console.is_terminal and console.width >= MIN_WIDTH


def render_sweep(console: Console, sweep: Sweep, title: str) -> None:
    order = [c.series for c in sweep.curves if c.role == "reference"]
    lines = []
    for curve in sweep.curves:
        # A learner's curve takes its series' place, so "yours (y = 0)" pairs with
        # "reference (y = 0)" even when a series is missing.
        nth = order.index(curve.series) if curve.series in order else 0
        colours, markers = _COLOURS[curve.role], _MARKERS[curve.role]
        lines.append(Line(curve.label, curve.role, sweep.x, curve.y,
                          colours[nth % len(colours)], markers[nth % len(markers)],
                          curve.series))
    marks = [(m.x, m.label) for m in sweep.marks]
    console.print(Text(title, style="bold"))
    _draw(console, lines, sweep.xlabel, marks)
    for label, runs in sweep.departures().items():
        console.print(Text(_("  {label} leaves the reference where {axis} is in {ranges}",
                             label=label, axis=sweep.xlabel, ranges=_ranges(runs)),
                           style="red"))
    for curve in sweep.curves:
        if curve.problem and curve.role == "learner":
            console.print(Text(_("  {label}: no value {problem}", label=curve.label,
                                 problem=curve.problem), style="red"))


def _ranges(runs: list[tuple[float, float]]) -> str:
    """[−3, −0.1] ∪ [0.1, 3]; a single point as {x}."""
    shown = [f"{{{_number(a)}}}" if a == b else f"[{_number(a)}, {_number(b)}]"
             for a, b in runs]
    return " ∪ ".join(shown)


def render_training(console: Console, test: TestResult) -> None:
    lines = []
    for label, curve in test.curves.items():
        role = "reference" if label == "reference" else "learner"
        shown = _("yours") if label == "learner" else _(label)
        lines.append(Line(shown, role, list(range(len(curve))), curve, _COLOURS[role][0],
                          _MARKERS[role][0]))
    console.print(Text(_("Training loss by epoch — {name}", name=test.label or test.name),
                       style="bold"))
    _draw(console, lines, _("epoch"))


def render_plots(console: Console, result: CheckResult, sweep: Sweep | None) -> None:
    """What a check report draws: the training curves of failing tasks, and the learner's
    loss curve over the reference's when a failing check has one."""
    for test in result.tests:
        if test.curves and test.status != "passed" and len(test.curves) > 1:
            render_training(console, test)
    if sweep is not None and not result.passed:
        render_sweep(console, sweep, _("Your {function} against the reference's",
                                       function=sweep.function))


def _draw(console: Console, lines: list[Line], xlabel: str,
          marks: Sequence[tuple[float, str]] = ()) -> None:
    if can_draw(console):
        width = min(console.width, MAX_WIDTH) - 1
        colour = not console.no_color and console.color_system is not None
        console.print(Text.from_ansi(plot_text(lines, xlabel, width, HEIGHT, colour, marks)))
        console.print(_legend(lines, colour, width, marks))
    else:
        console.print(sample_table(lines, xlabel, width=console.width))
        if marks:
            console.print(_legend([], False, console.width, marks))


def plot_text(lines: list[Line], xlabel: str, width: int, height: int, colour: bool,
              marks: Sequence[tuple[float, str]] = ()) -> str:
    """The plot as text (with ANSI colours when ``colour``). Every plotext call is here."""
    import plotext as plt

    fig = plt.figure
    fig.clear()
    plt.terminal.limit(False, False)  # size by our console, not the process's terminal
    fig.plot_size(width, height)
    fig.theme("simple")
    fig.legend(False)  # drawn inside the canvas it hides the curve: ours goes below
    for x, _label in marks:  # first, so the curves are drawn over them
        fig.line(x, orientation="vertical", pixel=plt.pixel(foreground=_MARK_COLOUR),
                 style="dotted")
    # The learner's curves first and the references over them: where the two agree the
    # reference shows, and the learner's marks stand out only where they leave it.
    for line in sorted(lines, key=lambda line: line.role != "learner"):
        for xs, ys in _finite_runs(line.x, line.y):
            marker = plt.marker(line.marker).fill(plt.pixel(foreground=line.colour))
            fig.draw(fig.signal(xs, ys, marker=marker).lines())
    fig.label(xlabel)
    return str(fig.build().string(colorless=not colour))


def _finite_runs(x: Sequence[float], y: Sequence[float]
                 ) -> list[tuple[list[float], list[float]]]:
    """Consecutive finite points, one run per stretch: a failure leaves a gap, not a line
    drawn across it."""
    runs: list[tuple[list[float], list[float]]] = []
    current: tuple[list[float], list[float]] = ([], [])
    for xi, yi in zip(x, y, strict=True):
        if math.isfinite(yi):
            current[0].append(float(xi))
            current[1].append(float(yi))
        elif current[0]:
            runs.append(current)
            current = ([], [])
    if current[0]:
        runs.append(current)
    return runs


def _legend(lines: list[Line], colour: bool, width: int,
            marks: Sequence[tuple[float, str]] = ()) -> Text:
    """The marks and labels, a new line rather than a break inside an entry."""
    entries = [(_LEGEND[line.marker], line.colour, f" {line.label}   ") for line in lines]
    at: dict[str, list[str]] = {}
    for x, label in marks:  # one entry per label: "┊ δ = 1 (x = -1, 1)"
        at.setdefault(label, []).append(_number(x))
    entries += [("┊", _MARK_COLOUR, " " + _("{label} (x = {places})", label=label,
                                            places=", ".join(places)) + "   ")
                for label, places in at.items()]
    legend = Text("  ")
    used = 2
    for sample, code, entry in entries:
        size = cell_len(sample)
        if used > 2 and used + size + cell_len(entry.rstrip()) > width:
            legend.append("\n  ")
            used = 2
        legend.append(sample, style=f"color({code})" if colour else "")
        legend.append(entry)
        used += size + cell_len(entry)
    return legend


def sample_table(lines: list[Line], xlabel: str, rows: int = TABLE_ROWS, width: int = MAX_WIDTH
                 ) -> Table:
    """The curves at a few evenly spaced points; ✗ marks where the learner's value leaves the
    reference's. One column per curve, or, for more curves than fit side by side (a family
    of series), one row per curve."""
    if len(lines) > COLUMNS_OF_CURVES:
        return _curves_as_rows(lines, xlabel, width)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(xlabel, justify="right")
    for line in lines:
        table.add_column(line.label, justify="right")
    has_learner = any(line.role == "learner" for line in lines)
    if has_learner:
        table.add_column("")
    n = len(lines[0].x) if lines else 0
    picks = sorted({round(i * (n - 1) / (rows - 1)) for i in range(rows)}) if n > 1 else [0]
    for i in picks if n else []:
        values = [line.y[i] for line in lines]
        cells = [_number(lines[0].x[i])] + [_number(v) for v in values]
        if has_learner:
            refs = {line.series: line.y[i] for line in lines if line.role == "reference"}
            off = any(not _close(line.y[i], refs.get(line.series, math.nan))
                      for line in lines if line.role == "learner")
            cells.append("✗" if off else "")
        table.add_row(*cells, style="red" if has_learner and cells[-1] else "")
    return table


def _curves_as_rows(lines: list[Line], xlabel: str, width: int) -> Table:
    """A row per curve and a column per sampled x, each learner curve under its reference,
    its values in red where they leave it. As many x as fit: a number is never cut."""
    label_width = max(cell_len(line.label) for line in lines)  # 参考答案 takes 8 cells
    fits = (width - label_width - 5) // (NUMBER_WIDTH + 1)  # the ✗ column too
    points = max(2, min(TABLE_ROWS, fits))
    n = len(lines[0].x)
    picks = (sorted({round(i * (n - 1) / (points - 1)) for i in range(points)}) if n > 1
             else list(range(n)))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(xlabel)
    for i in picks:
        table.add_column(_number(lines[0].x[i]), justify="right", no_wrap=True)
    refs = [line for line in lines if line.role == "reference"]
    mine = [line for line in lines if line.role == "learner"]
    if mine:
        table.add_column("")
    for k, ref in enumerate(refs):
        table.add_row(ref.label, *(_number(ref.y[i]) for i in picks))
        if k < len(mine):
            off = [not _close(mine[k].y[i], ref.y[i]) for i in picks]
            table.add_row(mine[k].label, *(Text(_number(mine[k].y[i]), style="red" if bad else "")
                                           for i, bad in zip(picks, off, strict=True)),
                          "✗" if any(off) else "")
    return table


def _close(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _number(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.4g}"
