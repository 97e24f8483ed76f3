"""`lossdrill watch FILE`: re-check on every save, redraw a compact report, take single keys.

Pieces, each testable alone: ``KEYS`` and ``actions`` turn key presses into actions;
``Debouncer`` waits for a burst of file events to settle (an editor's save is often several:
write a temporary file, rename it over the old one, touch it); ``FolderWatcher`` watches the
file's folder, not the file, so saves by rename and a file deleted and re-created are seen;
``KeyReader`` puts the terminal in cbreak mode and gives it back; ``Session`` is the loop. A
check runs in a grader child (workers/checks.py) that a new save stops at once.
"""

from __future__ import annotations

import contextlib
import os
import queue
import select
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from lossdrill import escape
from lossdrill.errors import LossdrillError
from lossdrill.i18n import N_, _
from lossdrill.spec.catalog import Catalog
from lossdrill.spec.model import Exercise
from lossdrill.workers.checks import CheckChild, CheckChildren, check_request, graded

KEYS = {"h": "hint", "s": "statement", "n": "next", "l": "list", "r": "recheck",
        "\r": "recheck", "\n": "recheck", "q": "quit", "\x03": "quit", "\x04": "quit",
        "?": "help"}
FOOTER = N_("h hint · s statement · n next exercise · l list · r re-check · q quit")
QUIET_S = 0.15  # a save is over when its folder has been quiet this long
IDLE_S = 1.0


def actions(data: bytes) -> list[str]:
    """The actions of the keys pressed, in order; other keys are ignored."""
    text = data.decode("utf-8", errors="ignore").lower()
    return [KEYS[ch] for ch in text if ch in KEYS]


class Debouncer:
    """Fires once, ``quiet`` seconds after the last of a burst of pokes."""

    def __init__(self, quiet: float = QUIET_S) -> None:
        self.quiet = quiet
        self.due: float | None = None

    def poke(self, now: float) -> None:
        self.due = now + self.quiet

    def fire_now(self) -> None:
        self.due = float("-inf")

    def ready(self, now: float) -> bool:
        if self.due is not None and now >= self.due:
            self.due = None
            return True
        return False

    def wait(self, now: float) -> float | None:
        """Seconds until it fires; None when nothing is pending."""
        return None if self.due is None else max(0.0, self.due - now)


class FolderWatcher:
    """Names of the entries of one folder that change, from a thread running watchfiles;
    a pipe wakes the loop's select()."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names: queue.Queue[str] = queue.Queue()
        self.error = ""
        self._stop = threading.Event()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        self._thread = threading.Thread(target=self._run, name="lossdrill-watch", daemon=True)

    def start(self) -> FolderWatcher:
        self._thread.start()
        return self

    def _run(self) -> None:
        import watchfiles

        try:
            # Our own Debouncer groups events; watchfiles only batches what arrives together.
            for changes in watchfiles.watch(self.folder, recursive=False, debounce=50, step=10,
                                            stop_event=self._stop, raise_interrupt=False):
                for _change, changed in changes:
                    self.names.put(Path(changed).name)
                self._wake()
        except Exception as exc:  # noqa: BLE001  (the loop reports it and ends)
            self.error = _("{folder}: cannot watch this folder any more ({error})",
                           folder=shown(self.folder), error=escape.visible(str(exc)))
        if not self._stop.is_set():
            self.error = self.error or _("{folder}: the folder went away; watch it again",
                                         folder=shown(self.folder))
            self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"x")

    def fileno(self) -> int:
        return self._wake_r

    def changed(self) -> set[str]:
        with contextlib.suppress(OSError):
            os.read(self._wake_r, 1 << 12)
        names = set()
        while not self.names.empty():
            names.add(self.names.get_nowait())
        return names

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)


class KeyReader:
    """Single key presses from a terminal on stdin, in cbreak mode (no Enter needed, no echo;
    Ctrl-C still interrupts); nothing when stdin is not a terminal."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stdin
        self.fd: int | None = None
        self._saved: Any = None

    @contextlib.contextmanager
    def active(self) -> Iterator[KeyReader]:
        try:
            fd = self.stream.fileno()
            interactive = os.isatty(fd)
        except (AttributeError, OSError, ValueError):
            interactive = False
        if not interactive:
            yield self
            return
        import termios
        import tty

        self.fd = fd
        self._saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            yield self
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, self._saved)
            self.fd = None

    def read(self) -> list[str]:
        if self.fd is None:
            return []
        try:
            data = os.read(self.fd, 64)
        except OSError:
            data = b""
        return actions(data) if data else ["quit"]  # the terminal went away


@dataclass
class Options:
    pack: Path | None
    seed: int | None
    timeout: float | None
    memory: int


class Session:
    def __init__(self, console: Console, catalog: Catalog, ex: Exercise, file: Path,
                 options: Options) -> None:
        self.console = console
        self.catalog = catalog
        self.ex = ex
        self.file = file
        # Absolute: "." would still name the working folder after it is deleted.
        self.folder = file.resolve().parent
        self.options = options
        self.children = CheckChildren(options.memory)
        self.debouncer = Debouncer()
        self.job: CheckChild | None = None
        self.stopping: list[CheckChild] = []  # cancelled checks, reaped as they go

    # -- the loop ---------------------------------------------------------------------------

    def run(self, keys: KeyReader) -> int:
        watcher = FolderWatcher(self.folder).start()
        self.children.warm()
        self.debouncer.fire_now()
        try:
            while True:
                if self._step(watcher, keys) == "quit":
                    return 0
                if not self.folder.is_dir():
                    watcher.error = _("{folder}: the folder was deleted; create it again and "
                                      "restart `lossdrill watch`", folder=shown(self.folder))
                if watcher.error:
                    self.console.print(Text(watcher.error, style="red"))
                    return 2
        except KeyboardInterrupt:
            return 0
        finally:
            self._cancel()
            for job in self.stopping:
                job.close()
            self.children.close()
            watcher.stop()

    def _step(self, watcher: FolderWatcher, keys: KeyReader) -> str:
        fds: list[Any] = [watcher.fileno()]
        if keys.fd is not None:
            fds.append(keys.fd)
        if self.job is not None:
            fds.append(self.job.fileno())
        now = time.monotonic()
        # Wake now and then even when idle: to reap stopped checks, and to notice a folder
        # deleted under us (its own deletion is not an event about the file).
        pending = self.debouncer.wait(now)
        wait = min(IDLE_S if pending is None else pending, 0.2 if self.stopping else IDLE_S)
        readable, _, _ = select.select(fds, [], [], wait)
        self.stopping = [job for job in self.stopping if not job.reap()]
        if watcher.fileno() in readable and self.file.name in watcher.changed():
            self.debouncer.poke(time.monotonic())
        if keys.fd is not None and keys.fd in readable:
            for action in keys.read():
                if self.act(action) == "quit":
                    return "quit"
        if self.job is not None and self.job.fileno() in readable and self.job.read():
            job, self.job = self.job, None
            self._show(job)
            self.children.warm()  # for the next save, while the learner reads this report
        if self.debouncer.ready(time.monotonic()):
            self.start_check()
        return ""

    # -- checks -----------------------------------------------------------------------------

    def start_check(self) -> None:
        restarted = self._cancel()
        if not self.file.exists():
            self._clear()
            self.console.print(Text(_("{file} does not exist (deleted, or not saved yet): "
                                      "waiting for it to appear.", file=shown(self.file)),
                                    style="yellow"))
            self._footer()
            return
        self.job = self.children.start(check_request(
            self.catalog.pack, self.file, self.ex.id, memory=self.options.memory,
            seed=self.options.seed, timeout=self.options.timeout))
        note = _(" (restarted: the previous check was stopped)") if restarted else ""
        self.console.print(Text(_("⟳ checking {file}…{note}", file=shown(self.file), note=note),
                                style="dim"))

    def _cancel(self) -> bool:
        if self.job is None:
            return False
        self.job.stop()
        self.stopping.append(self.job)
        self.job = None
        return True

    def _show(self, job: CheckChild) -> None:
        from lossdrill.learner.progress import Progress
        from lossdrill.render.compact import render_compact

        self._clear()
        assert job.answer is not None
        try:
            result, sweep = graded(job.answer)
        except LossdrillError as exc:
            self.console.print(Text(f"lossdrill: {escape.visible(str(exc))}", style="red"))
            self._footer()
            return
        progress = Progress()
        progress.record_check(self.ex.id, result.score, result.passed)
        warning = [Text(_("warning: {warning}", warning=progress.warning), style="yellow")
                   ] if progress.warning else []
        # On a terminal the report fits the window, so that the score, the verdict and the
        # keys are never scrolled away by the details.
        render_compact(self.console, result, sweep,
                       height=self.console.height if self.console.is_terminal else None,
                       footer=[*warning, *self._footer_lines()])

    # -- keys -------------------------------------------------------------------------------

    def act(self, action: str) -> str:
        from lossdrill.learner.progress import Progress
        from lossdrill.render.terminal import render_exercise, render_list

        if action == "quit":
            return "quit"
        if action == "recheck":
            self.debouncer.fire_now()
            return ""
        self.console.print()
        if action == "hint":
            from lossdrill.learner.screens import hint_lines

            progress = Progress()
            lines, shown = hint_lines(self.ex, progress.hints_used(self.ex.id))
            progress.record_hint(self.ex.id, shown)
            for line in lines:
                self.console.print(Text(line, style="bold" if line.startswith("→") else ""))
        elif action == "statement":
            render_exercise(self.console, self.ex)
        elif action == "list":
            render_list(self.console, self.catalog.all(), Progress().data)
        elif action == "next":
            self.next_exercise()
            return ""
        self._footer()
        return ""

    def next_exercise(self) -> None:
        from lossdrill.spec.starter import write_starter

        following = self.catalog.next_after(self.ex)
        if following is None:
            self.console.print(Text(_("That was the last exercise."), style="green"))
            self._footer()
            return
        target = self.file.parent / f"{following.id}.py"
        if target.exists():
            message = _("{target} exists: watching it (never overwritten)",
                        target=shown(target))
        else:
            write_starter(following, target, force=False)
            message = _("wrote {target}: implement {functions}", target=shown(target),
                        functions=", ".join(following.function_names))
        self._cancel()
        self.ex, self.file = following, target
        self.console.print(Text(message, style="green"))
        self.debouncer.fire_now()

    # -- screen -----------------------------------------------------------------------------

    def _clear(self) -> None:
        if self.console.is_terminal:
            self.console.clear()

    def _footer(self) -> None:
        for line in self._footer_lines():
            self.console.print(line)

    def _footer_lines(self) -> list[Text]:
        """The file watched and the keys: on one line when the window is wide enough, else
        the keys on a line of their own (it fits 80 columns, in either language)."""
        watching = _("watching {file}", file=shown(self.file))
        keys = _(FOOTER)
        if cell_len(watching) + 3 + cell_len(keys) <= self.console.width:
            return [Text(f"{watching} · {keys}", style="dim")]
        return [Text(watching, style="dim"), Text(keys, style="dim")]


def shown(path: Path) -> str:
    """A path as the screen shows it: the learner names their files and folders, so what a
    name holds (escapes, bytes that are not UTF-8, line breaks) is shown, never obeyed."""
    return escape.visible(str(path), one_line=True)


def watch(console: Console, catalog: Catalog, ex: Exercise, file: Path, options: Options
          ) -> int:
    """Run a watch session until `q` (0), Ctrl-C (0) or a folder that cannot be watched (2)."""
    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # unwinds through the terminal's restoration

    ending = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, stop) for s in ending}
    try:
        with KeyReader().active() as keys:
            return Session(console, catalog, ex, file, options).run(keys)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
