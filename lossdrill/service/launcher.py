"""Where the service's learner processes come from, and where they end: the one place outside
the sandbox that creates them.

A process is adopted (the one `lossdrill check` starts first thing, sandbox.spawn.prestart),
forked from the launcher's own fork server (a grade worker's), or spawned as a fresh
interpreter. One is kept ready ahead of the next check, so that its start — and, given the
file early, its import of the file — runs beside the caller's own work. A process whose check
has ended is stopped at once (its whole group killed) and closed later (reaped, its folder
removed), so that its teardown too runs beside the caller's work: the report being drawn, the
answer travelling.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lossdrill.sandbox.process import DEFAULT_MEMORY, DEFAULT_TIMEOUT, LearnerProcess

if TYPE_CHECKING:  # `check` never forks: it does not import the fork server
    from lossdrill.sandbox.forkserver import ForkServer


class Terms(NamedTuple):
    """What a learner process is started and loaded on."""

    timeout: float = DEFAULT_TIMEOUT  # seconds per call and for the import
    memory: int = DEFAULT_MEMORY  # bytes of address space
    denied: tuple[Path, ...] = ()  # what its confinement keeps unreadable


class Launcher:
    def __init__(self, *, fork: bool = False) -> None:
        """``fork``: fork learner processes from a warm fork server, where the platform
        allows (many checks in a row: each then costs a fork, not an interpreter start)."""
        self.server: ForkServer | None = None
        if fork:
            from lossdrill.sandbox.forkserver import ForkServer

            self.server = ForkServer().start() if ForkServer.available() else None
        self._ready: LearnerProcess | None = None
        self._out: list[LearnerProcess] = []  # handed out, not yet retired
        self._stopped: list[LearnerProcess] = []

    def prepare(self, terms: Terms, preload: Path | None = None) -> None:
        """Start the process the next check will take, unless one is ready; with ``preload``,
        send it the load request now: it confines itself and imports the file on its own
        core while the caller loads the exercise."""
        self._close_stopped()
        if self._ready is None:
            self._ready = self._new(terms)
        if preload is not None:
            self._ready.preload(preload, list(terms.denied))

    def take(self, terms: Terms) -> LearnerProcess:
        """The ready process if it was started on these terms (a forked one has its fork
        server's confinement rules built for what it denies), else a new one."""
        process, self._ready = self._ready, None
        if process is not None and (process.memory != terms.memory or (
                self.server is not None and process.denied != list(terms.denied))):
            process.close()
            process = None
        if process is None:
            process = self._new(terms)
            self._close_stopped()  # those of earlier checks, while this one starts
        process.timeout = terms.timeout
        self._out.append(process)
        return process

    def start(self, terms: Terms) -> LearnerProcess:
        """A process started now (a restart): it imports NumPy (or is forked warm) while the
        grader goes on; the limits and the confinement come with its load request."""
        process = self._new(terms)
        self._out.append(process)
        return process

    def _new(self, terms: Terms) -> LearnerProcess:
        if self.server is not None:
            # Those ended are reaped first: a fork alone may share its server's network
            # namespace rather than unshare one of its own.
            self._close_stopped()
        return LearnerProcess(timeout=terms.timeout, memory=terms.memory, server=self.server,
                              denied=list(terms.denied)).start()

    def retire(self, process: LearnerProcess) -> None:
        """Kill ``process``'s whole group now; it is closed with the next process the
        launcher starts or prepares, or when the launcher closes."""
        process.stop()
        if process in self._out:
            self._out.remove(process)
        self._stopped.append(process)

    def _close_stopped(self) -> None:
        stopped, self._stopped = self._stopped, []
        for process in stopped:
            process.close()

    def close(self) -> None:
        """Close every process it started, and the fork server."""
        self._close_stopped()
        out, self._out = self._out, []
        for process in out:
            process.close()
        if self._ready is not None:
            self._ready.close()
            self._ready = None
        if self.server is not None:
            self.server.close()
            self.server = None

    def __enter__(self) -> Launcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
