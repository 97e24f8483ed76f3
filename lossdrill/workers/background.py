"""Checks that can be abandoned: each runs in a child process of the grader, which a new save
(watch mode) can stop at once, learner process and all.

A thread cannot be stopped, and killing only the learner process would leave the grading loop
to restart it; a child grader is stopped with SIGTERM, which unwinds it through the `finally`
that kills its learner's process group. A spare child is kept warm (Python, NumPy, the
grader's modules and a learner process already started) so a check after a save starts at
once.
"""

from __future__ import annotations

import base64
import contextlib
import hmac
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lossdrill.grading.curves import Sweep
    from lossdrill.grading.results import CheckResult
    from lossdrill.sandbox.process import LearnerProcess

_ROOT = str(Path(__file__).resolve().parents[2])
_CHILD = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
          "from lossdrill.workers.background import child_main; child_main(sys.argv[1:])")
GRACE_S = 2.0  # after SIGTERM, before SIGKILL


# -- the answer on the pipe -----------------------------------------------------------------

# The child is the grader's own code; its answer (the result, pinpoints and curves) travels
# as JSON, like everything else between processes here: nothing is ever unpickled. The
# learner's code runs a level further down, in the child's learner process. Where the kernel
# does not confine it, it could still open its parent's stdout (/proc/PPID/fd/1) and write a
# forged answer: so the answer line starts with a secret token the parent sent in the
# request, read before the learner's file was loaded, and a line without it is ignored.


def encode_answer(token: str, answer: dict[str, Any]) -> bytes:
    from lossdrill.grading.curves import sweep_to_data
    from lossdrill.grading.results import plain, result_to_data

    data = dict(answer)
    if answer.get("result") is not None:
        data["result"] = result_to_data(answer["result"])
    if answer.get("sweep") is not None:
        data["sweep"] = sweep_to_data(answer["sweep"])
    # ASCII escapes: the learner's text may hold lone surrogates, which UTF-8 cannot encode
    # and JSON carries as they are (each output makes them inert where it shows them).
    body = json.dumps(data, default=plain).encode("ascii")
    return token.encode() + b" " + base64.b64encode(body) + b"\n"


def decode_answer_line(token: str, output: bytes) -> dict[str, Any] | None:
    from lossdrill.grading.curves import sweep_from_data
    from lossdrill.grading.results import result_from_data

    for line in output.splitlines():
        head, _, body = line.partition(b" ")
        if not hmac.compare_digest(head, token.encode()):
            continue
        try:
            answer = json.loads(base64.b64decode(body, validate=True))
            if not isinstance(answer, dict):
                return None
            if answer.get("result") is not None:
                answer["result"] = result_from_data(answer["result"])
            if answer.get("sweep") is not None:
                answer["sweep"] = sweep_from_data(answer["sweep"])
        except Exception:  # noqa: BLE001  (a child killed mid-write leaves a partial line)
            return None
        return answer
    return None


# -- the parent's side ----------------------------------------------------------------------


class Job:
    """One check in a child process: feed it a request, read its answer without blocking."""

    def __init__(self, memory: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, _ROOT, str(memory)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert self.proc.stdout is not None
        os.set_blocking(self.proc.stdout.fileno(), False)
        self._buffer = bytearray()
        self.token = ""
        self.answer: dict[str, Any] | None = None
        self.stopped_at = 0.0

    def fileno(self) -> int:
        assert self.proc.stdout is not None
        return self.proc.stdout.fileno()

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def send(self, request: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.token = secrets.token_hex(16)
        self.proc.stdin.write(json.dumps({**request, "token": self.token}).encode() + b"\n")
        self.proc.stdin.close()

    def read(self) -> bool:
        """Take what the child wrote; True once its answer is complete (or it is gone)."""
        assert self.proc.stdout is not None
        while True:
            try:
                chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            except BlockingIOError:
                return False
            if not chunk:
                break
            self._buffer += chunk
        self.proc.wait()
        self.answer = decode_answer_line(self.token, bytes(self._buffer))
        if self.answer is None:
            self.answer = {"error": f"the check stopped unexpectedly (exit {self.proc.returncode})"}
        return True

    def wait(self, timeout: float | None = None) -> dict[str, Any]:
        """Block until the answer is in (for one-shot use)."""
        import select

        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.read():
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                self.stop()
                return {"error": f"the check did not finish within {timeout:g} s"}
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


class Runner:
    """Hands out warm child graders, one spare at a time."""

    def __init__(self, memory: int) -> None:
        self.memory = memory
        self._spare: Job | None = None

    def warm(self) -> None:
        if self._spare is None or not self._spare.alive:
            self._spare = Job(self.memory)

    def start(self, request: dict[str, Any]) -> Job:
        """Send a request to the spare (started now if there is none). The next spare is left
        to `warm()`, called once the check is over: started beside it, it would slow it."""
        self.warm()
        job, self._spare = self._spare, None
        assert job is not None
        job.send(request)
        return job

    def close(self) -> None:
        if self._spare is not None:
            self._spare.close()
            self._spare = None


def request(file: Path, exercise: str, pack: Path | None, *, seed: int | None = None,
            timeout: float | None = None, shown_as: str = "") -> dict[str, Any]:
    return {"file": str(file.resolve()), "exercise": exercise,
            "pack": str(pack) if pack else None, "seed": seed, "timeout": timeout,
            "shown_as": shown_as or str(file)}


def decode_answer(answer: dict[str, Any]) -> tuple[CheckResult, Sweep | None]:
    """(result, sweep or None) from a child's answer; a LossdrillError for an error answer."""
    from lossdrill.errors import UsageError

    if "error" in answer:
        raise UsageError(str(answer["error"]))
    return answer["result"], answer.get("sweep")


# -- the child's side -----------------------------------------------------------------------


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # unwinds through the `finally`s that kill the learner


def child_main(argv: list[str]) -> None:
    signal.signal(signal.SIGTERM, _terminate)
    from lossdrill.sandbox.process import LearnerProcess

    memory = int(argv[0])
    # The learner process starts while the child waits for its request.
    process = LearnerProcess(memory=memory).start()
    try:
        # Loaded while waiting, so the check itself starts at once.
        import lossdrill.service.grade  # noqa: F401
        from lossdrill.errors import LossdrillError

        line = sys.stdin.readline()
        if not line:
            return  # the parent went away while this child was the spare
        req = json.loads(line)
        try:
            answer = _run(req, process, memory)
        except LossdrillError as exc:
            answer = {"error": str(exc)}
        except Exception as exc:  # noqa: BLE001  (one line for the session, not a dead child)
            answer = {"error": f"the check failed inside lossdrill ({type(exc).__name__}: "
                               f"{exc}); please report it"}
        sys.stdout.buffer.write(encode_answer(str(req["token"]), answer))
        sys.stdout.flush()
    finally:
        process.close()


def _run(req: dict[str, Any], process: LearnerProcess, memory: int) -> dict[str, Any]:
    from lossdrill.service.grade import grade
    from lossdrill.spec.catalog import Catalog, find_pack

    _, result, sweep = grade(Catalog(find_pack(req.get("pack"))), Path(req["file"]),
                             req["exercise"], process=process, seed=req.get("seed"),
                             timeout=req.get("timeout"), memory=memory, plot=True)
    result.file = req.get("shown_as") or req["file"]
    return {"result": result, "sweep": sweep}
