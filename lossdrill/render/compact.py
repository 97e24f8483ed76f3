"""The compact report watch mode redraws and the API shows: one line of marks for every test,
then only what needs fixing. Reads result objects only, like terminal.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.text import Text

from lossdrill.grading.results import CheckResult
from lossdrill.i18n import _
from lossdrill.render.plots import render_plots
from lossdrill.render.terminal import (
    MARKS,
    OUTPUT_SHOWN,
    body_of,
    diagnosis_panel,
    inert,
    print_fitted,
)
from lossdrill.render.wrap import wrapping

if TYPE_CHECKING:
    from lossdrill.grading.curves import Sweep

# Watch mode shows the details of the first failing test; the others in a line each, and the
# hidden ones in one line together.
DETAILED = 1
OUTPUT_LINES = 8


# -- watch mode's report --------------------------------------------------------------------


def render_compact(console: Console, result: CheckResult, sweep: Sweep | None = None,
                   height: int | None = None, footer: Sequence[RenderableType] = ()) -> None:
    """One line of marks for every test, then only what needs fixing; ``footer`` last. With
    ``height``, the whole fits in that many rows: the summary (score, verdict, diagnosis) and
    the footer (watch mode's keys) stay, the details between them are cut, and a line says
    how much was left out."""
    result, sweep = inert(result, sweep)  # the learner's text in it, shown, never obeyed

    def bottom(target: Console) -> None:
        for part in footer:
            target.print(part)

    if height is None:
        _summary(console, result)
        _details(console, result, sweep)
        bottom(console)
        return
    top = _lines(console, lambda target: _summary(target, result))
    body = _lines(console, lambda target: _details(target, result, sweep))
    end = _lines(console, bottom)
    budget = max(1, height - 1 - len(end))  # the last row holds the cursor
    if len(top) + len(body) > budget:
        def note(count: int) -> list[str]:
            return _lines(console, lambda target: target.print(Text(_(
                "… {count} more lines: a taller window shows them, `lossdrill check {file}` "
                "all", count=count,
                file=result.file), style="dim")))

        kept_top = top[:max(1, budget - 2)]  # the score and verdict whatever the height
        room = max(0, budget - len(kept_top) - len(note(len(top) + len(body))))
        left = len(top) - len(kept_top) + len(body) - min(room, len(body))
        top, body = kept_top, body[:room] + note(left)
    console.file.write("".join(line + "\n" for line in (*top, *body, *end)))
    console.file.flush()


def _lines(console: Console, draw: Callable[[Console], object]) -> list[str]:
    """What ``draw`` prints on ``console``, as the lines it would write there."""
    with console.capture() as captured:
        draw(console)
    return captured.get().splitlines()


def _summary(console: Console, result: CheckResult) -> None:
    colour = "green" if result.passed else "red"
    print_fitted(console, [
        Text(f"{result.exercise} · {result.label or result.title}", style="bold"),
        Text(result.file),
        Text(f"{result.score:g}/{result.max_score:g} {_(result.status)}", style=f"bold {colour}"),
        Text(_("seed {seed}", seed=result.seed) + f" · {result.duration_s:.2f} s", style="dim")],
        gaps=("  ",))
    marks = Text()
    for test in result.tests:
        mark, style = MARKS.get(test.status, ("?", "yellow"))
        marks.append(mark, style=style)
    console.print(marks)
    if result.passed:
        console.print(Text(_("Every test passes. Press n for the next exercise."),
                           style="green"))
    if result.diagnoses:
        console.print(diagnosis_panel(result))


def _details(console: Console, result: CheckResult, sweep: Sweep | None) -> None:
    failing = [t for t in result.tests if t.status != "passed"]
    shown = [t for t in failing if not t.hidden]
    for n, test in enumerate(shown):
        mark, style = MARKS.get(test.status, ("?", "yellow"))
        if n < DETAILED:  # as the full report shows it: inputs, values, samples, traceback
            console.print(Text.assemble((f"{mark} ", style), (test.label or test.name, "bold")))
            console.print(Padding(body_of(test, set()), (0, 0, 0, 4)))
        else:
            last = test.message.strip().splitlines()[-1] if test.message.strip() else ""
            console.print(wrapping(Text.assemble(
                (f"{mark} ", style), (test.label or test.name, "bold"), "  ",
                (last, "red" if test.status != "skipped" else ""))))
    hidden = [t for t in failing if t.hidden]
    messages = sorted({t.message.strip().splitlines()[-1] for t in hidden if t.message.strip()})
    if hidden:
        count = (_("1 hidden test") if len(hidden) == 1 else
                 _("{count} hidden tests", count=len(hidden)))
        console.print(wrapping(Text.assemble(("✗ ", "red"), (count, "bold"),
                                             "  ", ("; ".join(messages), "red"))))
    render_plots(console, result, sweep)
    output = result.learner_output[:OUTPUT_SHOWN].strip()
    if output:
        printed = output.splitlines()
        more = (_(" (last {shown} of {count} lines)", shown=OUTPUT_LINES, count=len(printed))
                if len(printed) > OUTPUT_LINES else "")
        console.print(Text(_("Your code printed{more}:", more=more), style="dim"))
        console.print(Text("\n".join(printed[-OUTPUT_LINES:])))
    for note in result.notes:  # cells of a notebook left out, output withheld, …
        console.print(wrapping(Text(note, style="dim")))
