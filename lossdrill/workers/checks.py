"""Checks that can be abandoned (watch mode, the Python API): each runs in a grader child
(child.py, mode `check`), which a new save can stop at once, learner process and all.

A thread cannot be stopped, and killing only the learner process would leave the grading loop
to restart it; a grader child is stopped with SIGTERM, which unwinds it through the `finally`
that kills its learner's process group. A spare child is kept warm (Python, NumPy, the
grader's modules and a learner process already started) so a check after a save starts at
once.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import select
import signal
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

from lossdrill.workers.child import start_child
from lossdrill.workers.messages import (
    Answer,
    Failure,
    GradeRequest,
    Trouble,
    encode_request,
    find_answer,
)

if TYPE_CHECKING:
    from lossdrill.grading.curves import Sweep
    from lossdrill.grading.results import CheckResult
    from lossdrill.spec.catalog import Pack

GRACE_S = 2.0  # after SIGTERM, before SIGKILL


class CheckChild:
    """One check in a grader child: send it the request, read its answer without blocking."""

    def __init__(self, memory: int) -> None:
        self.proc = start_child("check", str(memory))
        self._buffer = bytearray()
        self.token = ""
        self.answer: Answer | None = None
        self.stopped_at = 0.0

    def fileno(self) -> int:
        assert self.proc.stdout is not None
        return self.proc.stdout.fileno()

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def send(self, request: GradeRequest) -> None:
        assert self.proc.stdin is not None
        self.token = secrets.token_hex(16)
        self.proc.stdin.write(encode_request(self.token, request))
        self.proc.stdin.close()

    def read(self) -> bool:
        """Take what the child wrote; True once its answer is complete (or it is gone)."""
        while True:
            try:
                chunk = os.read(self.fileno(), 1 << 16)
            except BlockingIOError:
                return False
            if not chunk:
                break
            self._buffer += chunk
        self.proc.wait()
        self.answer = find_answer(self.token, bytes(self._buffer))
        if self.answer is None:
            self.answer = Answer(failure=Failure(
                Trouble.DIED, f"the check stopped unexpectedly (exit {self.proc.returncode})"))
        return True

    def wait(self, timeout: float | None = None) -> Answer:
        """Block until the answer is in (for one-shot use)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.read():
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                self.stop()
                return Answer(failure=Failure(
                    Trouble.BUDGET, f"the check did not finish within {timeout:g} s"))
            select.select([self.fileno()], [], [], remaining)
        assert self.answer is not None
        return self.answer

    def stop(self) -> None:
        """Ask the child to stop (it kills its learner process on the way out)."""
        if self.alive and not self.stopped_at:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
            self.stopped_at = time.monotonic()

    def reap(self) -> bool:
        """True once the child is gone; SIGKILL if it outlived its grace period."""
        if self.proc.poll() is not None:
            self._close_pipes()
            return True
        if self.stopped_at and time.monotonic() - self.stopped_at > GRACE_S:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            self.proc.wait()
            self._close_pipes()
            return True
        return False

    def close(self) -> None:
        """Stop the child if it still runs, and wait for it (SIGKILL after the grace)."""
        self.stop()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(GRACE_S)
        self.stopped_at = self.stopped_at or time.monotonic()
        while not self.reap():
            time.sleep(0.05)

    def _close_pipes(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


class CheckChildren:
    """Hands out warm check children, one spare at a time."""

    def __init__(self, memory: int) -> None:
        self.memory = memory
        self._spare: CheckChild | None = None

    def warm(self) -> None:
        if self._spare is None or not self._spare.alive:
            self._spare = CheckChild(self.memory)

    def start(self, request: GradeRequest) -> CheckChild:
        """Send a request to the spare (started now if there is none). The next spare is left
        to `warm()`, called once the check is over: started beside it, it would slow it."""
        self.warm()
        child, self._spare = self._spare, None
        assert child is not None
        child.send(request)
        return child

    def close(self) -> None:
        if self._spare is not None:
            self._spare.close()
            self._spare = None


def check_request(pack: Pack, file: Path, exercise: str, *, memory: int,
                  seed: int | None = None, timeout: float | None = None, label: str = ""
                  ) -> GradeRequest:
    """A check as watch mode and the API ask for it: with the loss curves of a failure."""
    return GradeRequest(file=str(file.resolve()), exercise=exercise,
                        exercises=str(pack.exercises_dir), solutions=str(pack.solutions_dir),
                        label=label or str(file), seed=seed, timeout=timeout, memory=memory,
                        plot=True)


def graded(answer: Answer) -> tuple[CheckResult, Sweep | None]:
    """(result, curves or None) from a child's answer; a UsageError saying what went wrong
    for a failure."""
    from lossdrill.errors import UsageError

    if answer.failure is not None:
        failure = answer.failure
        if failure.trouble is Trouble.GRADER:
            raise UsageError(f"the check failed inside lossdrill ({failure.message}); please "
                             "report it")
        raise UsageError(failure.message)
    return answer.check_result(), answer.curves()
