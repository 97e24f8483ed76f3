"""Progress of a class being graded, on stderr: a rich bar with the ETA on a terminal, a
plain line now and then elsewhere (CI logs, pipes)."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

PLAIN_EVERY = 10.0  # seconds between plain progress lines


class GradeProgress:
    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self.terminal = sys.stderr.isatty()
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self.last_line = 0.0
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> GradeProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, total: int, label: str) -> None:
        if not label:
            self._start(total)
            return
        self.done += 1
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, advance=1, last=label)
            return
        now = time.monotonic()
        if self.done == self.total or now - self.last_line >= PLAIN_EVERY:
            self.last_line = now
            rate = self.done / max(now - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0.0
            self.console.print(f"graded {self.done}/{self.total} ({rate:.1f}/s, about "
                               f"{eta:.0f} s left); last: {label}", markup=False)

    def _start(self, total: int) -> None:
        self.total, self.started, self.last_line = total, time.monotonic(), time.monotonic()
        if not total:
            return
        if not self.terminal:
            self.console.print(f"grading {total} checks…")
            return
        self.bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            TextColumn("{task.fields[last]}", style="dim", markup=False),
                            console=self.console, transient=False)
        self.task = self.bar.add_task("grading", total=total, last="")
        self.bar.start()
