"""The learner's screens beyond the full check report: the dashboard of a bare `lossdrill`,
the `lossdrill progress` summary, the compact report watch mode redraws, and the hint ladder.
Reads result and summary objects only, like report.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lossdrill.grading.results import CheckResult
from lossdrill.i18n import _, language
from lossdrill.learner.progress import Row, Summary
from lossdrill.render.plots import render_plots
from lossdrill.render.terminal import MARKS, OUTPUT_SHOWN, inert
from lossdrill.render.terminal import _test_body as test_body

if TYPE_CHECKING:
    from lossdrill.grading.curves import Sweep
    from lossdrill.spec.model import Exercise

BAR_WIDTH = 24
# Watch mode shows the details of the first failing test; the others in a line each, and the
# hidden ones in one line together.
DETAILED = 1
OUTPUT_LINES = 8


def bar(done: int, total: int, width: int = BAR_WIDTH) -> Text:
    filled = round(width * done / total) if total else 0
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))


def hint_lines(ex: Exercise, used: int) -> tuple[list[str], int]:
    """The ladder up to the next hint, and how many hints that makes shown."""
    shown = min(used + 1, len(ex.hints))
    lang = language()
    lines = [f"{'→' if n == shown else ' '} "
             + _("hint {n}/{total}: {text}", n=n, total=len(ex.hints),
                 text=ex.text(f"hints[{n - 1}]", lang).strip())
             for n in range(1, shown + 1)]
    if used >= len(ex.hints):
        lines.append(_("(that was the last hint)"))
    return lines, shown


# -- the dashboard --------------------------------------------------------------------------


def render_dashboard(console: Console, summary: Summary, folder: Path) -> None:
    total = len(summary.rows)
    console.print(Text(_("lossdrill — learn the loss functions of machine learning by writing "
                         "them"), style="bold"))
    console.print(Text.assemble(_("Progress  "), bar(summary.passed, total),
                                _("  {passed} of {total} exercises passed",
                                  passed=summary.passed, total=total),
                                (_(" · {checks} checks · {hints} hints",
                                   checks=summary.attempts, hints=summary.hints_used), "dim")))
    following = summary.next_unsolved()
    if following is None:
        console.print(Text("\n" + _("Every exercise passed. `lossdrill progress` shows how it "
                                    "went."), style="green"))
        return
    console.print(Text.assemble("\n" + _("Next      "),
                                (f"{following.id} · {_title(following)}", "bold"),
                                _state(following)))
    console.print(Text("\n" + _("Go on with:"), style="bold"))
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 2))
    table.add_column(style="cyan")
    table.add_column(style="dim")
    file = f"{following.id}.py"
    table.add_row(f"lossdrill show {following.id}", _("the statement, the formula, an example"))
    if not (folder / file).exists():
        table.add_row(f"lossdrill start {following.id}",
                      _("write {file} with the functions to fill in", file=file))
    table.add_row(f"lossdrill watch {file}", _("grade it on every save (h hint, s statement, "
                                               "n next, q quit)"))
    table.add_row(f"lossdrill check {file}", _("grade it once"))
    table.add_row(f"lossdrill hint {following.id}",
                  _("the next hint ({used} of {total} used)", used=following.hints_used,
                    total=following.hints_total))
    table.add_row("lossdrill list", _("every exercise, with your progress"))
    table.add_row("lossdrill progress", _("attempts, best scores and hints, per exercise"))
    console.print(table)


def _title(row: Row) -> str:
    """A row's title in the learner's language (the summary holds the English)."""
    return _titles([row])[row.id]


def _titles(rows: list[Row]) -> dict[str, str]:
    """The rows' titles in the learner's language, the pack read once for them all."""
    english = {row.id: row.label or row.title for row in rows}
    if language() == "en" or all(row.label for row in rows):
        return english
    from lossdrill.spec.catalog import Catalog, find_pack

    try:
        catalog = Catalog(find_pack(None))
    except Exception:  # no pack to read: the English titles will do
        return english
    titles = {}
    for row in rows:
        try:
            titles[row.id] = catalog.get(row.id).text("title", language())
        except Exception:  # a pack that changed under us: the English title will do
            titles[row.id] = row.title
    return titles


def _state(row: Row) -> Text:
    if not row.started:
        return Text("  " + _("not started"), style="dim")
    best = f"{row.best_score:g}/{row.max_score:g}"
    return Text("  " + (_("best {best} after 1 check", best=best) if row.attempts == 1 else
                        _("best {best} after {count} checks", best=best, count=row.attempts)),
                style="yellow")


# -- lossdrill progress ---------------------------------------------------------------------


def render_progress(console: Console, summary: Summary) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_footer=True)
    table.add_column("", width=1)
    table.add_column(_("exercise"), footer=_("total"))
    table.add_column(_("checks"), justify="right", footer=str(summary.attempts))
    table.add_column(_("first pass"), footer=_("{passed}/{total} passed", passed=summary.passed,
                                                total=len(summary.rows)))
    table.add_column(_("best"), justify="right",
                     footer=f"{summary.best_points:g}/{summary.max_points:g}")
    table.add_column(_("hints"), justify="right", footer=str(summary.hints_used))
    titles = _titles(list(summary.rows))
    for row in summary.rows:
        if row.passed:
            mark = Text("✓", style="green")
            when = row.first_pass.replace("T", " ")[:16]
            if row.attempts_to_pass:
                when += _(" (check {count})", count=row.attempts_to_pass)
        else:
            mark = Text("·" if row.started else " ", style="yellow")
            when = ""
        best = f"{row.best_score:g}/{row.max_score:g}" if row.attempts else "—"
        table.add_row(mark, f"{row.id} · {titles[row.id]}", str(row.attempts or "—"), when, best,
                      f"{row.hints_used}/{row.hints_total}" if row.hints_used else "—",
                      style="" if row.started else "dim")
    console.print(table)
    total = len(summary.rows)
    console.print(Text.assemble(bar(summary.passed, total),
                                _("  {passed} of {total} exercises passed",
                                  passed=summary.passed, total=total)))


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
            console.print(Padding(test_body(test, set()), (0, 0, 0, 4)))
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
