"""The compact report watch mode redraws and the API shows: one line of marks for every test,
then only what needs fixing. Reads result objects only, like terminal.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from lossdrill.grading.results import CheckResult
from lossdrill.i18n import _
from lossdrill.render.plots import render_plots
from lossdrill.render.terminal import MARKS, OUTPUT_SHOWN, body_of, inert

if TYPE_CHECKING:
    from lossdrill.grading.curves import Sweep

# Watch mode shows the details of the first failing test; the others in a line each, and the
# hidden ones in one line together.
DETAILED = 1
OUTPUT_LINES = 8


# -- watch mode's report --------------------------------------------------------------------


def render_compact(console: Console, result: CheckResult, sweep: Sweep | None = None) -> None:
    """One line of marks for every test, then only what needs fixing."""
    result, sweep = inert(result, sweep)  # the learner's text in it, shown, never obeyed
    colour = "green" if result.passed else "red"
    console.print(Text.assemble((f"{result.exercise} · {result.label or result.title}", "bold"),
                                f"  {result.file}  ",
                                (f"{result.score:g}/{result.max_score:g} {_(result.status)}",
                                 f"bold {colour}"),
                                ("  " + _("seed {seed}", seed=result.seed)
                                 + f" · {result.duration_s:.2f} s", "dim")))
    marks = Text()
    for test in result.tests:
        mark, style = MARKS.get(test.status, ("?", "yellow"))
        marks.append(mark, style=style)
    console.print(marks)
    failing = [t for t in result.tests if t.status != "passed"]
    shown = [t for t in failing if not t.hidden]
    for n, test in enumerate(shown):
        mark, style = MARKS.get(test.status, ("?", "yellow"))
        if n < DETAILED:  # as the full report shows it: inputs, values, samples, traceback
            console.print(Text.assemble((f"{mark} ", style), (test.label or test.name, "bold")))
            console.print(Padding(body_of(test, set()), (0, 0, 0, 4)))
        else:
            last = test.message.strip().splitlines()[-1] if test.message.strip() else ""
            console.print(Text.assemble((f"{mark} ", style), (test.label or test.name, "bold"),
                                        "  ",
                                        (last, "red" if test.status != "skipped" else "")))
    hidden = [t for t in failing if t.hidden]
    messages = sorted({t.message.strip().splitlines()[-1] for t in hidden if t.message.strip()})
    if hidden:
        count = (_("1 hidden test") if len(hidden) == 1 else
                 _("{count} hidden tests", count=len(hidden)))
        console.print(Text.assemble(("✗ ", "red"), (count, "bold"),
                                    "  ", ("; ".join(messages), "red")))
    if result.passed:
        console.print(Text(_("Every test passes. Press n for the next exercise."),
                           style="green"))
    if result.diagnoses:
        lines = [Text.assemble((d.id, "bold"), ": ", d.message) for d in result.diagnoses]
        console.print(Panel(Group(*lines), title=_("Diagnosis"), title_align="left",
                            border_style="yellow", box=box.ROUNDED))
    render_plots(console, result, sweep)
    output = result.learner_output[:OUTPUT_SHOWN].strip()
    if output:
        printed = output.splitlines()
        more = (_(" (last {shown} of {count} lines)", shown=OUTPUT_LINES, count=len(printed))
                if len(printed) > OUTPUT_LINES else "")
        console.print(Text(_("Your code printed{more}:", more=more), style="dim"))
        console.print(Text("\n".join(printed[-OUTPUT_LINES:])))
