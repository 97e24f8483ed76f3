"""What a learner sees between checks: the dashboard of a bare `lossdrill`, the `lossdrill
progress` table and the hint ladder. Reads the progress summary and exercise objects only.
"""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lossdrill.i18n import _, language
from lossdrill.learner.progress import Row, Summary
from lossdrill.spec.model import Exercise

BAR_WIDTH = 24


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
