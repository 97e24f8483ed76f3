"""The warm start: a clean process with NumPy imported (nothing of any exercise loaded) that
forks learner processes on request, so a check costs a fork, not an interpreter start.
On platforms without fork, learner processes are spawned as fresh interpreters instead."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from typing import Any

from lossdrill.sandbox.spawn import learner_environment, live_children, python_command


class ForkServer:
    """A warm, clean process (NumPy imported, nothing of any exercise loaded) that forks
    learner processes on request: a check then costs a fork, not an interpreter start."""

    def __init__(self) -> None:
        self._sock: socket.socket | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    @staticmethod
    def available() -> bool:
        return hasattr(os, "fork") and hasattr(socket, "send_fds") and sys.platform != "darwin"

    def start(self) -> ForkServer:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        tmp = tempfile.gettempdir()
        try:
            self._proc = subprocess.Popen(
                python_command("lossdrill.sandbox.zygote", str(theirs.fileno()), isolated=True),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),), cwd=tmp, env=learner_environment(tmp),
                start_new_session=True,
            )
        finally:
            theirs.close()
        self._sock = ours
        live_children.add(self._proc.pid)
        ours.settimeout(60)
        if json.loads(ours.recv(1 << 16) or b"{}").get("ready") is not True:
            self.close()
            raise OSError("the fork server did not start")
        return self

    def _ask(self, request: dict[str, Any], fds: list[int] | None = None) -> dict[str, Any]:
        assert self._sock is not None
        with self._lock:
            data = json.dumps(request).encode()
            if fds:
                socket.send_fds(self._sock, [data], fds)
            else:
                self._sock.send(data)
            reply = self._sock.recv(1 << 16)
        if not reply:
            raise OSError("the fork server has stopped")
        answer: dict[str, Any] = json.loads(reply)
        return answer

    def spawn(self, fds: list[int], cwd: str, env: dict[str, str],
              denied: list[str] | None = None) -> int:
        reply = self._ask({"op": "spawn", "cwd": cwd, "env": env, "denied": denied}, fds)
        return int(reply["pid"])

    def exit_status(self, pid: int) -> int | None:
        status = self._ask({"op": "status", "pid": pid}).get("status")
        return None if status is None else int(status)

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(timeout=5)
            live_children.discard(self._proc.pid)
            self._proc = None

    def __enter__(self) -> ForkServer:
        return self.start() if self._sock is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()
