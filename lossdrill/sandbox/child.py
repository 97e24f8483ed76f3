"""A learner process as the grader holds it, whichever way it was started (a fresh interpreter
or forked by a fork server): whether it runs, killing it, waiting for its end."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lossdrill.sandbox.forkserver import ForkServer


class Child:
    """A learner process, whichever way it was started."""

    def __init__(self, pid: int, popen: subprocess.Popen[bytes] | None = None,
                 server: ForkServer | None = None) -> None:
        self.pid = pid
        self.popen = popen
        self.server = server
        self.pidfd = -1
        if hasattr(os, "pidfd_open"):
            with contextlib.suppress(OSError):
                self.pidfd = os.pidfd_open(pid)

    def running(self) -> bool:
        if self.popen is not None:
            return self.popen.poll() is None
        if self.pidfd >= 0:  # readable once the process has ended
            return not select.select([self.pidfd], [], [], 0)[0]
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        """SIGKILL to the process's group, and to the process itself through its pidfd: a
        child forked a moment ago may not have left its fork server's group yet."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        if self.pidfd >= 0:
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)

    def ended(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the process to end (not to be reaped: its fork
        server does that); False when that cannot be known."""
        if self.pidfd < 0:
            return False
        return bool(select.select([self.pidfd], [], [], timeout)[0])

    def wait(self, timeout: float) -> int | None:
        """The exit code (negative: the signal), or None if still running after `timeout`."""
        if self.popen is not None:
            # Popen.wait(timeout) polls with growing sleeps (0.5, 1, 2 ms, …), a pidfd is
            # readable the moment the process has ended: a check's end waits no longer.
            if self.pidfd >= 0 and not self.ended(timeout):
                return None
            try:
                return self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                return None
        assert self.server is not None
        deadline = time.monotonic() + timeout
        while True:
            code = self.server.exit_status(self.pid)
            if code is not None or time.monotonic() >= deadline:
                return code
            time.sleep(0.005)

    def release(self) -> None:
        if self.pidfd >= 0:
            os.close(self.pidfd)
            self.pidfd = -1
