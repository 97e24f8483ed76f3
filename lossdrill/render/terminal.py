"""Render results with rich: colour on a terminal, plain text elsewhere or with NO_COLOR.

A check's report starts from ``inert``: every string of the result made inert (escape.py)
before rich sees it, so the learner's escapes, controls and lone surrogates are shown as
``\\x1b``, never obeyed, and never crash the write; strings reach rich as ``Text``, whose
markup is not parsed.
"""

from __future__ import annotations

import io
import os
import re
import sys
from typing import IO, TYPE_CHECKING, TextIO, cast

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lossdrill import escape
from lossdrill.grading.results import CheckResult, TestResult, TestStatus, cleaned
from lossdrill.i18n import N_, _, language
from lossdrill.render.wrap import Wrapped, wrapping

if TYPE_CHECKING:
    from lossdrill.grading.curves import Sweep
    from lossdrill.grading.validate import Finding
    from lossdrill.spec.model import Exercise

MARKS = {"passed": ("✓", "green"), "failed": ("✗", "red"), "error": ("!", "red"),
         "skipped": ("-", "yellow")}
_SPARKS = "▁▂▃▄▅▆▇█"
OUTPUT_SHOWN = 4000  # characters of the learner's output in the terminal report


def make_console(stderr: bool = False, github: bool = False) -> Console:
    """A console on stdout (or stderr); with ``github``, on stderr for a GitHub Actions log,
    where no line it writes is a workflow command. Off a terminal (a pipe, a file) lines are
    ``COLUMNS`` wide, else 80, and end without the spaces rich pads them with."""
    stream: TextIO = sys.stderr if stderr or github else sys.stdout
    terminal = stream.isatty()
    file = stream if terminal and not github else cast(
        IO[str], CommandFree(stream, trim=not terminal) if github else Lines(stream))
    # No `:emoji:` codes: the learner's own text (tracebacks, printed output) is shown as is.
    return Console(file=file, highlight=False, emoji=False,
                   no_color=bool(os.environ.get("NO_COLOR")),
                   width=None if terminal else output_width(), soft_wrap=False)


def output_width() -> int:
    """The width of output that goes to no terminal: ``COLUMNS`` when it is a sensible
    number, else 80 (rich would ask whichever of stdin or stderr is a terminal instead)."""
    columns = os.environ.get("COLUMNS", "").strip()
    return int(columns) if columns.isdigit() and 20 <= int(columns) <= 1000 else 80


_PADDED = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$")  # a line's end padding, colour codes kept


class Lines(io.TextIOBase):
    """A stream that passes on whole lines: with ``trim``, without their trailing spaces;
    with ``commands``, with escape.command_free applied. GitHub's runner reads a step's stderr
    for workflow commands, and a line the report draws may start with the learner's text
    wherever rich wraps it (a long message, a table cell's next line)."""

    def __init__(self, stream: TextIO, commands: bool = False, trim: bool = True) -> None:
        self.stream = stream
        self.commands = commands
        self.trim = trim
        self._pending = ""  # the start of a line not yet ended

    def _clean(self, text: str) -> str:
        if self.trim:
            text = "".join(_PADDED.sub(r"\1", line) + end for line, end in _split_lines(text))
        return escape.command_free(text) if self.commands else text

    def write(self, text: str) -> int:
        joined = self._pending + text
        end = max(joined.rfind("\n"), joined.rfind("\r")) + 1
        self._pending = joined[end:]
        if end:
            self.stream.write(self._clean(joined[:end]))
        return len(text)

    def flush(self) -> None:
        if self._pending:  # ended here, so that nothing written later can extend it
            self.stream.write(self._clean(self._pending) + "\n")
            self._pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"


def _split_lines(text: str) -> list[tuple[str, str]]:
    """``text`` as (line, its end) pairs; the last line may have no end."""
    parts = re.split(r"(\r\n|\n|\r)", text)
    return [(parts[i], parts[i + 1] if i + 1 < len(parts) else "")
            for i in range(0, len(parts), 2)]


class CommandFree(Lines):
    """Lines for a GitHub Actions log: no line a workflow command."""

    def __init__(self, stream: TextIO, trim: bool = False) -> None:
        super().__init__(stream, commands=True, trim=trim)


def inert(result: CheckResult, sweep: Sweep | None = None
          ) -> tuple[CheckResult, Sweep | None]:
    """What a terminal may show of a check: the result and its curves with escape.visible
    applied to every string. render_check and views.render_compact start here (plots.py
    draws from what they pass it)."""
    result = cleaned(result, escape.visible)
    result.file = escape.visible(result.file, one_line=True)  # shown within a line
    if sweep is not None:
        from lossdrill.grading.curves import sweep_from_data, sweep_to_data

        data = escape.deep(sweep_to_data(sweep), escape.visible)
        sweep = sweep_from_data(data)  # type: ignore[arg-type]
    return result, sweep


def sparkline(values: list[float], width: int = 30, low: float | None = None,
              high: float | None = None) -> str:
    """A curve in block characters, resampled to `width` points."""
    if not values:
        return ""
    step = max(1, len(values) / width)
    points = [values[int(i * step)] for i in range(min(width, len(values)))]
    lo = min(points) if low is None else low
    hi = max(points) if high is None else high
    span = (hi - lo) or 1.0
    return "".join(_SPARKS[min(7, max(0, int((v - lo) / span * 7.999)))] for v in points)


def render_check(console: Console, result: CheckResult, verbose: bool = False,
                 sweep: Sweep | None = None) -> None:
    result, sweep = inert(result, sweep)
    print_fitted(console, [Text(f"{result.exercise} · {result.label or result.title}",
                                style="bold"), Text(result.file),
                           Text(_("seed {seed}", seed=result.seed), style="dim")],
                 gaps=("  ", "   "))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("", width=1)
    table.add_column(_("test"))
    table.add_column(_("kind"))
    table.add_column(_("points"), justify="right")
    table.add_column(_("result"))
    for test in result.tests:
        mark, colour = MARKS.get(test.status, ("?", "yellow"))
        table.add_row(Text(mark, style=colour), wrapping(Text(_test_name(test))), _(test.kind),
                      f"{test.score:g}/{test.max_score:g}", _summary(test))
    console.print(table)
    # What a failing visible test has to say (inputs, expected and got, the samples that
    # differ, a training curve) is shown below the table, at full width.
    seen: set[str] = set()
    for test in result.tests:
        if _has_details(test):
            mark, colour = MARKS.get(test.status, ("?", "yellow"))
            console.print()
            console.print(Text.assemble((f"{mark} ", colour), (_test_name(test), "bold")))
            console.print(Padding(body_of(test, seen), (0, 0, 0, 2)))
    colour = "green" if result.passed else "red"
    console.print(Text.assemble((_("Score") + " ", "bold"),
                                (f"{result.score:g}/{result.max_score:g}", f"bold {colour}"),
                                f" — {_(result.status)}"))
    if result.diagnoses:
        console.print(diagnosis_panel(result))
    if sweep is not None or any(t.curves for t in result.tests):
        from lossdrill.render.plots import render_plots  # curves to draw: rarely, so imported then

        render_plots(console, result, sweep)
    output = result.learner_output
    if output.strip() or result.notes:
        shown = output if len(output) <= OUTPUT_SHOWN else (
            output[:OUTPUT_SHOWN] + "\n… " + _("({count} more characters)",
                                               count=len(output) - OUTPUT_SHOWN))
        parts: list[Text] = [Text(shown.rstrip())] if output.strip() else []
        parts += [Text(note, style="dim") for note in result.notes]
        title = _("Your code printed") if output.strip() else _("Notes")
        console.print(Panel(Group(*parts), title=title, title_align="left",
                            border_style="dim", box=box.ROUNDED))
    if verbose and result.protections:
        console.print(Text(_("Protections: ") + "; ".join(result.protections), style="dim"))


SUMMARY_CELLS = 60  # display cells of a test's message in the table; the rest is below it
_CLAUSE_ENDS = (("; ", "；"), (": ", "："))  # where a message's first clause may end, by rank
_RAISED = re.compile(r"([A-Za-z_][\w.]*)(?::|$)")  # a traceback's last line: the exception


def print_fitted(console: Console, parts: list[Text], gaps: tuple[str, ...] = ("  ",)
                 ) -> None:
    """``parts`` on as few lines as the console's width allows, a line broken between parts
    only: a header's title, file and seed never split mid-part (`seed` from its number), in
    any script. ``gaps[i]`` goes between part i and the next (the last one for the rest).
    A part wider than the console wraps on its own lines."""
    line = Text()
    for i, part in enumerate(parts):
        gap = gaps[min(i, len(gaps)) - 1]
        if line and line.cell_len + len(gap) + part.cell_len > console.width:
            console.print(line)
            line = Text()
        if line:
            line.append(gap)
        line.append_text(part)
    if line:
        console.print(line)


def _test_name(test: TestResult) -> str:
    return (test.label or test.name) + (_(" (hidden)") if test.hidden else "")


def summary_text(test: TestResult) -> str:
    """What the table's result cell says of a test: its whole message when short (or hidden:
    nothing is said below the table of a hidden test), else its first clause — a verdict
    such as `returned 4.5 instead of raising ValueError` — whole, never cut mid-sentence;
    else a pointer to the details below. Widths in display cells, so that Chinese text, two
    cells a character, is measured as the terminal draws it."""
    message = test.message.strip()
    if test.hidden or ("\n" not in message and cell_len(message) <= SUMMARY_CELLS):
        return message
    first = message.splitlines()[0].strip()
    raised = _RAISED.match(message.splitlines()[-1].strip())
    if first.endswith((":", "：")) and "\n" in message and raised:
        # A traceback: said as a hidden test's is (`raised NotImplementedError`), so that an
        # unwritten function reads the same on every row.
        return _("raised {name}", name=raised.group(1))
    if cell_len(first) <= SUMMARY_CELLS:
        return first
    for ends in _CLAUSE_ENDS:
        cut = min((first.find(end) for end in ends if end in first), default=-1)
        if cut > 0 and cell_len(first[:cut]) <= SUMMARY_CELLS:
            return first[:cut].rstrip("，,")
    return _("see below")


def _summary(test: TestResult) -> Text | Wrapped:
    return wrapping(Text(summary_text(test),
                         style="red" if test.status in ("failed", "error") else ""))


def diagnosis_panel(result: CheckResult) -> Panel:
    lines = [wrapping(Text.assemble((d.id, "bold"), ": ", d.message)) for d in result.diagnoses]
    return Panel(Group(*lines), title=_("Diagnosis"), title_align="left",
                 border_style="yellow", box=box.ROUNDED)


def _has_details(test: TestResult) -> bool:
    if test.curves:
        return True
    # A hidden test is told in the table alone (its message is already the public form).
    if test.hidden or test.status not in (TestStatus.FAILED, TestStatus.ERROR):
        return False
    return bool(test.details or test.pinpoint is not None
                or summary_text(test) != test.message.strip())


def body_of(test: TestResult, seen: set[str]) -> Text | Wrapped | Group:
    """What the report says of a test below the table: its message, details, samples and
    curves, as the result holds them."""
    text = test.message
    if "\n" in text:  # a traceback: in full the first time, by its last line after that
        text = text if text not in seen else text.strip().splitlines()[-1] + _(" (as above)")
        seen.add(test.message)
    message = Text(text, style="red" if test.status in ("failed", "error") else "")
    parts: list[Text | Wrapped] = [wrapping(message)] if test.message else []
    for key, value in test.details.items():
        parts.append(wrapping(Text.assemble((f"{_detail_key(key)}: ", "dim"), value)))
    if test.pinpoint is not None and test.pinpoint.rows:
        shown, differing = len(test.pinpoint.rows), test.pinpoint.differing
        parts.append(Text(_("sample by sample (reference → yours):") if shown >= differing
                          else _("sample by sample (reference → yours), {shown} of the "
                                 "{count} that differ:", shown=shown, count=differing),
                          style="dim"))
        for row in test.pinpoint.rows:
            inputs = ", ".join(f"{k}={v}" for k, v in row.inputs.items())
            parts.append(Text.assemble((f"  #{row.index} ", "dim"), inputs,
                                       f": {row.expected} → ", (row.got, "red")))
    if test.curves:
        both = [v for curve in test.curves.values() for v in curve]
        low, high = min(both), max(both)
        for label, curve in test.curves.items():
            parts.append(Text.assemble((_("loss ({label}) ", label=_(label)), "dim"),
                                       sparkline(curve, low=low, high=high),
                                       f" {curve[0]:.3g} → {curve[-1]:.3g}"))
    return Group(*parts) if len(parts) != 1 else parts[0]


def _detail_key(key: str) -> str:
    """`input y_true`, `expected`, `got`, `largest error` in the report's language."""
    if key.startswith("input "):
        return _("input {name}", name=key.removeprefix("input "))
    return _(key)


def render_list(console: Console, exercises: list[Exercise], progress: dict[str, dict]) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in (N_("id"), N_("slug"), N_("title"), N_("difficulty"), N_("topics"),
                   N_("progress")):
        table.add_column(_(column))
    lang = language()
    from lossdrill.spec.topics import by_section, section_title, topics_text

    # Grouped by section (regression, classification, gradients, …): the path through the
    # subject; each group's heading sits in the title column, over its exercises.
    for section, members in by_section(exercises):
        table.add_row("", "", Text(section_title(section), style="bold underline"))
        for n, ex in enumerate(members, 1):
            state = progress.get(ex.id, {})
            if state.get("first_pass"):
                mark = Text("✓ " + _("passed"), style="green")
            elif state.get("attempts"):
                mark = Text(f"{state.get('best_score', 0):g}/{ex.max_score:g}", style="yellow")
            else:
                mark = Text("—", style="dim")
            table.add_row(ex.id, ex.slug, ex.text("title", lang), "★" * ex.difficulty,
                          topics_text(ex), mark, end_section=n == len(members))
    console.print(table)


def render_exercise(console: Console, ex: Exercise) -> None:
    from lossdrill.spec.topics import topics_text

    lang = language()
    console.print(Text(f"{ex.id} · {ex.text('title', lang)}", style="bold"),
                  Text(f"  ({ex.slug}, {'★' * ex.difficulty}, {topics_text(ex)})",
                       style="dim"))
    from rich.markdown import Markdown  # only `show` renders Markdown: not on the check path

    console.print(Markdown(ex.text("statement", lang)))
    console.print(Text("\n" + _("Define:"), style="bold"))
    for i, fn in enumerate(ex.functions):
        given = ("  " + _("(given: you do not write this one)"), "dim") if fn.given else ""
        console.print(Text.assemble("  ", (fn.signature, "cyan"), given))
        if fn.summary:
            console.print(Text(f"      {ex.text(f'functions[{i}].summary', lang)}", style="dim"))
    visible = [ex.text(f"tests[{i}].name", lang) for i, t in enumerate(ex.tests)
               if t.visibility == "visible"]
    hidden = len(ex.tests) - len(visible)
    tests = _("Tests: {names}", names=_("; ").join(visible))
    if hidden:
        tests += _("; and {count} hidden", count=hidden)
    console.print(Text("\n" + tests, style="dim"))
    console.print(Text(_("Start with `lossdrill start {id}`, check with `lossdrill check "
                         "{id}.py`; {count} hints with `lossdrill hint {id}`.",
                         id=ex.id, count=len(ex.hints)), style="dim"))


def render_findings(console: Console, findings: list[Finding]) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("", N_("exercise"), N_("check"), N_("detail")):
        table.add_column(_(column) if column else "")
    for f in findings:
        mark, colour = MARKS["passed" if f.ok else "failed"]
        table.add_row(Text(mark, style=colour), f.exercise, f.check,
                      Text(f.detail, style="dim" if f.ok else "red"))
    console.print(table)
    failed = sum(not f.ok for f in findings)
    exercises = len({f.exercise for f in findings})
    summary = _("{exercises} exercises, {checks} checks: ", exercises=exercises,
                checks=len(findings))
    summary += _("all hold") if not failed else _("{count} to fix", count=failed)
    console.print(Text(summary, style="bold green" if not failed else "bold red"))
