"""A learner's file as grading calls it (grading.run.Learner): loaded in a learner process from
the launcher, and loaded again in a new one after the process dies — an exit, a crash — at most
MAX_RESTARTS times. A function that timed out is not called again: one that hangs on every
input costs one timeout, not one per test. Every outcome leaves here worded in the learner's
language (the sandbox reports what happened as data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lossdrill.grading.diagnosis.failures import worded
from lossdrill.i18n import _
from lossdrill.sandbox.process import LearnerProcess, Outcome
from lossdrill.service.launcher import Launcher, Terms

MAX_RESTARTS = 3


class LearnerSession:
    def __init__(self, launcher: Launcher, path: Path, terms: Terms, *,
                 restart: bool = True) -> None:
        """``restart``: False for a process called as it is, dead or alive (the loss curves,
        an extra whose calls a death merely ends)."""
        self.launcher = launcher
        self.path = path
        self.terms = terms
        self.restart = restart
        self.process: LearnerProcess | None = None
        self.restarts = 0
        self.timed_out: set[str] = set()

    def load(self) -> Outcome:
        """Take a process from the launcher and import the file in it."""
        self.process = self.launcher.take(self.terms)
        return self._load()

    def _load(self) -> Outcome:
        assert self.process is not None
        loaded = self.process.load(self.path, list(self.terms.denied))
        loaded.protections = enforced(loaded.limits) + loaded.protections
        return worded(loaded)

    def call(self, function: str, args: dict[str, Any], timeout: float | None = None
             ) -> Outcome:
        assert self.process is not None, "load first"
        if not self.restart:
            return worded(self.process.call(function, args, timeout))
        if function in self.timed_out:
            return worded(Outcome(False, kind="gave-up", event="gave-up-after-timeout",
                                  facts={"function": function, "seconds": self.terms.timeout}))
        if not self.process.alive:
            if self.restarts >= MAX_RESTARTS:
                return worded(Outcome(False, kind="gave-up", event="gave-up-after-restarts"))
            self.restarts += 1
            self.launcher.retire(self.process)
            self.process = self.launcher.start(self.terms)
            loaded = self._load()
            if not loaded.ok:
                return loaded
        outcome = self.process.call(function, args, timeout)
        if outcome.kind == "timeout":
            self.timed_out.add(function)
        return worded(outcome)

    def stop(self) -> None:
        """Kill the learner process's whole group now: the check is over. The launcher closes
        it later."""
        if self.process is not None:
            self.launcher.retire(self.process)
            self.process = None


def enforced(limits: dict[str, float] | None) -> list[str]:
    """The protections the grader itself enforced (LearnerProcess.limits), in the learner's
    language."""
    if limits is None:  # the process ended before it could be loaded
        return []
    return [_("own process and session; {seconds} s per call and for the import",
              seconds=f"{limits['timeout']:g}"),
            _("memory cap {mib} MiB (RLIMIT_AS)", mib=f"{limits['memory'] / (1 << 20):.0f}"),
            _("output captured and capped at {kib} KiB", kib=int(limits["output"]) >> 10),
            _("files written up to {mib} MiB each (RLIMIT_FSIZE)",
              mib=int(limits["file_size"]) >> 20),
            _("the whole process group killed at the end")]
