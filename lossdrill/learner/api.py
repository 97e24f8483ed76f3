"""`from lossdrill import check; check("ex1", mse)`: grade functions from a notebook or a
script, with the same isolation as `lossdrill check`.

The functions' source is gathered (gather.py) into a temporary file, and a grader child
(workers/checks.py) checks it in a learner process of its own: the learner's notebook never
holds the references nor the comparisons, so nothing it has patched (NumPy, math) can sway
them.
"""

from __future__ import annotations

import inspect
import io
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console, ConsoleOptions
from rich.text import Text

from lossdrill.grading.curves import Sweep
from lossdrill.grading.results import CheckResult, Diagnosis, TestResult

# How long a check may take in all, beyond the exercise's own limits, before it is given up.
OVERALL_TIMEOUT = 300.0
_JUPYTER_PRE = ('<pre style="white-space:pre;overflow-x:auto;line-height:normal;'
                "font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace\">"
                "{code}</pre>")


class CheckReport:
    """The outcome of `check()`: `.passed`, `.score`, `.tests`, …; shows itself as the rich
    report in Jupyter and as plain text in a console."""

    def __init__(self, result: CheckResult, sweep: Sweep | None = None) -> None:
        self.result = result
        self.sweep = sweep

    @property
    def passed(self) -> bool:
        return self.result.passed

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def max_score(self) -> float:
        return self.result.max_score

    @property
    def tests(self) -> list[TestResult]:
        return self.result.tests

    @property
    def diagnoses(self) -> list[Diagnosis]:
        return self.result.diagnoses

    def render(self, console: Console) -> None:
        from lossdrill.render.terminal import render_check

        render_check(console, self.result, sweep=self.sweep)

    def text(self, width: int = 100) -> str:
        console = Console(file=io.StringIO(), width=width, color_system=None,
                          force_terminal=False, force_jupyter=False, highlight=False)
        self.render(console)
        return console.file.getvalue().rstrip()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return self.text()

    __str__ = __repr__

    def _repr_html_(self) -> str:
        console = Console(file=io.StringIO(), width=100, record=True, force_terminal=True,
                          color_system="truecolor", force_jupyter=False, highlight=False)
        self.render(console)
        return console.export_html(inline_styles=True, code_format=_JUPYTER_PRE)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        inner = Console(file=io.StringIO(), width=options.max_width,
                        force_terminal=console.is_terminal,
                        color_system="truecolor" if console.color_system else None,
                        no_color=console.no_color, force_jupyter=False, highlight=False)
        self.render(inner)
        yield Text.from_ansi(inner.file.getvalue().rstrip())  # type: ignore[attr-defined]


def check(exercise: str, *functions: Callable[..., Any], seed: int | None = None,
          timeout: float | None = None, memory: int = 1 << 30, pack: str | Path | None = None,
          record: bool = True, **named: Callable[..., Any]) -> CheckReport:
    """Grade your functions for an exercise: ``check("ex1", mse)``.

    Functions are matched to the exercise's by name; a single function is taken for a
    single-function exercise whatever its name, and ``check("ex3", hinge_loss=my_loss,
    hinge_grad=my_grad)`` names them explicitly. With no function at all, the exercise's names
    are looked up where ``check`` is called. The progress of the current folder is recorded
    unless ``record=False``. ``memory`` caps the learner process, in bytes.
    """
    from lossdrill.learner.gather import gather
    from lossdrill.spec.catalog import Catalog, find_pack
    from lossdrill.workers.checks import CheckChild, check_request, graded

    catalog = Catalog(find_pack(pack))
    ex = catalog.get(exercise)
    frame = inspect.currentframe()
    caller = frame.f_back.f_globals if frame is not None and frame.f_back is not None else {}
    chosen = _match(ex.function_names, functions, named, caller)
    gathered = gather(chosen)
    folder = Path(tempfile.mkdtemp(prefix="lossdrill-check-"))
    try:
        path = folder / f"{ex.id}.py"
        path.write_text(gathered.source, encoding="utf-8")
        shown = _shown_name(chosen)
        child = CheckChild(memory)
        try:
            child.send(check_request(catalog.pack, path, ex.id, memory=memory, seed=seed,
                                     timeout=timeout, label=shown))
            answer = child.wait(OVERALL_TIMEOUT)
        finally:
            child.close()
        result, sweep = graded(answer)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    gathered.relabel(result, path, shown)
    if record:
        from lossdrill.learner.progress import Progress

        Progress().record_check(ex.id, result.score, result.passed)
    return CheckReport(result, sweep)


def _match(names: tuple[str, ...], functions: tuple[Callable[..., Any], ...],
           named: dict[str, Callable[..., Any]], caller: dict[str, Any]
           ) -> dict[str, Callable[..., Any]]:
    from lossdrill.errors import UsageError

    wanted = ", ".join(names)
    unknown = [n for n in named if n not in names]
    if unknown:
        raise UsageError(f"check: {unknown[0]} is not a function of this exercise ({wanted})")
    chosen = dict(named)
    for fn in functions:
        name = getattr(fn, "__name__", "")
        if name in names:
            chosen[name] = fn
        elif len(names) == 1 and len(functions) == 1:
            chosen[names[0]] = fn  # check("ex1", my_mse): the one function, whatever its name
        else:
            raise UsageError(f"check: {name or repr(fn)} is not one of the exercise's functions "
                             f"({wanted}); pass it by name, e.g. check(..., {names[0]}={name})")
    if not functions and not named:
        chosen = {n: caller[n] for n in names if callable(caller.get(n))}
    if not chosen:
        raise UsageError(f"check: define {wanted} first, or pass your functions: "
                         f"check(\"...\", {names[0]})")
    return chosen


def _shown_name(functions: dict[str, Callable[..., Any]]) -> str:
    """How the learner's code is named in the report: its file, or their notebook."""
    fn = next(iter(functions.values()))
    file = getattr(getattr(fn, "__code__", None), "co_filename", "")
    if not file or file.startswith("<") or re.search(r"ipykernel_\d+", file):
        return "your notebook"
    return file
