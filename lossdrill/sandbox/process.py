"""The grader's handle on one learner process: start, load, call with a deadline, reap.

The process runs in a session (and process group) of its own, in an empty temporary folder,
with a memory and CPU cap; what it prints goes to a pipe the grader drains and caps; requests
and responses travel on two more pipes in the format of protocol.py. Every response is
validated here before the grader sees it.

What went wrong is reported as data — an event and its facts (a timeout and its seconds, a
signal's name) — never in words: the grading floor words it in the learner's language
(grading/diagnosis/failures.py), and nothing of the grader is loaded here.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lossdrill.sandbox.child import Child
from lossdrill.sandbox.protocol import (
    HEADER_SIZE,
    ProtocolError,
    decode,
    encode,
    message_length,
    pack,
    parse_body,
)
from lossdrill.sandbox.spawn import (
    ensure_subreaper,
    learner_environment,
    live_children,
    reap_strays,
    spawn_interpreter,
    take_prestarted,
)

if TYPE_CHECKING:  # only `grade` forks warm: `check` does not import the fork server
    from lossdrill.sandbox.forkserver import ForkServer

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY = 1 << 30
OUTPUT_CAP = 64 << 10
# The largest file the learner's code may write (in its temporary folder, the one place it
# may write): a loss has no reason to write more, and the disk is shared with other students.
FILE_SIZE_CAP = 64 << 20


# The events a learner process's end or silence is reported as, with their facts:
# not-running (a call to a process already gone), timeout (seconds), invalid (error: what is
# wrong with its answer), killed (signal: its name), closed (its channel, yet it runs on),
# exited (code).
EVENTS = frozenset({"not-running", "timeout", "invalid", "killed", "closed", "exited"})


@dataclass
class Outcome:
    """What one load or call came to. ``kind`` is empty on success."""

    ok: bool
    value: Any = None
    kind: str = ""  # syntax, import, exception, inplace, bad-return, missing, memory, exit,
    # timeout, died, protocol
    message: str = ""  # the learner process's report (an exception's line); see ``event``
    traceback: str = ""
    # The exception's class and its bases, most specific first, when the learner's code raised.
    exc_types: tuple[str, ...] = ()
    functions: list[str] = field(default_factory=list)
    protections: list[str] = field(default_factory=list)  # as the learner process reports them
    output: str = ""  # what the learner printed during this load or call
    # What the grader saw instead of an answer, when it saw it (kind timeout, died, protocol,
    # exit): one of EVENTS, its facts, and no message until the grading floor words them.
    event: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    limits: dict[str, float] | None = None  # a load's: what LearnerProcess.limits says


class LearnerProcess:
    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        memory: int = DEFAULT_MEMORY,
        output_cap: int = OUTPUT_CAP,
        server: ForkServer | None = None,
        denied: list[Path] | None = None,
    ) -> None:
        self.timeout = timeout
        self.memory = memory
        self.output_cap = output_cap
        self.server = server  # fork from this warm process instead of spawning an interpreter
        # What confinement will keep unreadable, when known this early (lets a warm process
        # prepare the rules once for every learner process it forks).
        self.denied = denied
        self.output_total = 0  # bytes printed, including what the cap dropped
        self._proc: Child | None = None
        self._tmp = ""
        self._fds: dict[str, int] = {}
        self._out = bytearray()
        self._ready = False
        self._preloaded: dict[str, Any] | None = None  # a load request sent ahead (preload)
        self._early = bytearray()  # bytes of a response due, read with the one before it
        # True once the kernel refuses the process any child (seccomp): nothing to reap.
        self._childless = False

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> LearnerProcess:
        """Start the process (forked from the fork server, adopted from prestart(), or a fresh
        interpreter); it imports NumPy while the grader goes on with its own work."""
        if self.server is not None:
            ensure_subreaper()
            self._tmp = tempfile.mkdtemp(prefix="lossdrill-")
            req_r, req_w = os.pipe()
            resp_r, resp_w = os.pipe()
            out_r, out_w = os.pipe()
            denied = [str(p) for p in self.denied] if self.denied is not None else None
            try:
                pid = self.server.spawn([req_r, resp_w, out_w], self._tmp,
                                        learner_environment(self._tmp), denied)
            finally:
                for fd in (req_r, resp_w, out_w):
                    os.close(fd)
            self._proc = Child(pid, server=self.server)
            live_children.add(pid)
            self._ready = True  # a forked one serves at once: it does not say it is ready
        else:
            spawned = take_prestarted() or spawn_interpreter()
            self._tmp = spawned.tmp
            self._proc = Child(spawned.popen.pid, popen=spawned.popen)
            req_w, resp_r, out_r = spawned.request, spawned.response, spawned.output
            self._ready = False  # it says so first
        self._preloaded = None
        self._early = bytearray()
        for fd in (resp_r, out_r):
            os.set_blocking(fd, False)
        self._fds = {"request": req_w, "response": resp_r, "output": out_r}
        return self

    def stop(self) -> None:
        """Kill the whole process group now; ``close`` (still due) then waits for its end and
        cleans up, by which time the kernel has torn it down beside the caller's work."""
        if self._proc is not None:
            self._proc.kill()

    def close(self) -> None:
        """Kill the whole process group and reap it; remove the temporary folder."""
        if self._proc is not None:
            self._proc.kill()
            if self._proc.popen is not None:  # a forked one is reaped by its fork server
                with contextlib.suppress(OSError):
                    self._proc.wait(timeout=5)
            else:  # ended before the server forks the next (which then may share its network)
                self._proc.ended(timeout=1)
            self._proc.release()
            live_children.discard(self._proc.pid)
            self._proc = None  # never signal that process group again: its id may be reused
            if not self._childless and ensure_subreaper():
                reap_strays()
        if "output" in self._fds:
            self._drain_output()
        for fd in self._fds.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds = {}
        if self._tmp:
            try:
                os.rmdir(self._tmp)  # most learner processes write nothing
            except OSError:
                shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = ""

    def __enter__(self) -> LearnerProcess:
        return self.start() if self._proc is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def alive(self) -> bool:
        return self._proc is not None and bool(self._fds) and self._proc.running()

    # -- requests -----------------------------------------------------------------------------

    def preload(self, path: Path, denied: list[Path]) -> None:
        """Send the load request now; ``load`` with the same terms then only collects the
        answer. The learner process confines itself and imports the file on its own core
        while the grader loads the exercise (which says the terms: `check` knows them early)."""
        self._preloaded = self._load_request(path, denied, True)
        self._send(self._preloaded)

    def load(self, path: Path, denied: list[Path] | None = None, confine: bool = True
             ) -> Outcome:
        """Confine the process (nothing under ``denied`` stays readable), then import the
        learner's file; the deadline covers interpreter start-up too."""
        request = self._load_request(path, denied, confine)
        sent, self._preloaded = self._preloaded, None
        if sent is not None and not _covers(sent, request):
            self.close()  # loaded on other terms: a fresh process, loaded on these
            self.start()
            sent = None
        deadline = time.monotonic() + self.timeout + 5.0
        mark = len(self._out)  # what the import prints may come in with the ready message
        if not self._ready:  # with the answer to a request sent ahead perhaps right behind
            ready = self._exchange(None, deadline, more=sent is not None)
            if not ready.ok:
                return ready
            self._ready = True
        outcome = self._exchange(None if sent is not None else request,
                                 time.monotonic() + self.timeout)
        outcome.output = self._out[mark:].decode("utf-8", errors="replace")
        self._childless = self._under_seccomp()
        outcome.limits = self.limits()
        return outcome

    def _load_request(self, path: Path, denied: list[Path] | None, confine: bool
                      ) -> dict[str, Any]:
        # CPU seconds for the whole life of the process: a generous multiple of the call
        # timeout, so a busy loop cannot outlast the grader even if a deadline were missed.
        cpu = int(self.timeout * 6) + 10
        request: dict[str, Any] = {"op": "load", "path": str(path), "memory": self.memory,
                                   "cpu": cpu, "fsize": FILE_SIZE_CAP}
        if confine:
            request["confine"] = {"denied": [str(p) for p in denied or []]}
        return request

    def _under_seccomp(self) -> bool:
        """Asked of the kernel, not of the learner process (whose reply its code could
        forge): is a seccomp filter — ours, refusing new processes — in force?"""
        if self._proc is None:
            return False
        try:
            with open(f"/proc/{self._proc.pid}/status", "rb") as handle:
                return b"\nSeccomp:\t2\n" in handle.read()
        except OSError:
            return False

    def limits(self) -> dict[str, float]:
        """What the grader itself enforces, whatever the kernel offers besides: its own
        process group and session, killed whole at the end, and these caps — seconds per call
        and for the import, bytes of address space (RLIMIT_AS), of printed output kept, and
        per file written (RLIMIT_FSIZE)."""
        return {"timeout": self.timeout, "memory": self.memory, "output": self.output_cap,
                "file_size": FILE_SIZE_CAP}

    def call(self, function: str, args: dict[str, Any], timeout: float | None = None) -> Outcome:
        encoded = {name: encode(value) for name, value in args.items()}
        deadline = time.monotonic() + (timeout or self.timeout)
        return self._exchange({"op": "call", "function": function, "args": encoded}, deadline)

    def output(self) -> str:
        return self._out.decode("utf-8", errors="replace")

    def _exchange(self, request: dict[str, Any] | None, deadline: float, more: bool = False
                  ) -> Outcome:
        # A process that has ended may still have answered (a request sent ahead): read that
        # or its end; only a new request to it is pointless.
        if self._proc is None or not self._fds or (request is not None and not self.alive):
            return Outcome(False, kind="died", event="not-running")
        start = len(self._out)
        try:
            if request is not None:
                self._send(request)
            response = self._receive(deadline, more)
            outcome = interpret(response)
        except TimeoutError:
            self.close()
            outcome = Outcome(False, kind="timeout", event="timeout",
                              facts={"seconds": self.timeout})
        except (EOFError, BrokenPipeError):
            outcome = self._death()
        except (ProtocolError, ValueError, TypeError, KeyError, OverflowError) as exc:
            # Whatever the bytes were, a forged response ends as a verdict, never a crash.
            self.close()
            outcome = Outcome(False, kind="protocol", event="invalid",
                              facts={"error": str(exc)})
        outcome.output = self._out[start:].decode("utf-8", errors="replace")
        return outcome

    def _send(self, request: dict[str, Any]) -> None:
        data = memoryview(pack(request))
        while data:
            written = os.write(self._fds["request"], data)
            data = data[written:]

    def _receive(self, deadline: float, more: bool = False) -> dict[str, Any]:
        """The next response. Bytes after it are a protocol error, unless ``more`` says a
        further response is already due (a request sent ahead): they are kept for it."""
        buf, self._early = self._early, bytearray()
        need = HEADER_SIZE
        header_done = False
        watched = [self._fds["response"], self._fds["output"]]
        readable: list[int] = []
        while True:
            if not header_done and len(buf) >= HEADER_SIZE:
                need = HEADER_SIZE + message_length(bytes(buf[:HEADER_SIZE]))
                header_done = True
            if header_done and len(buf) >= need:
                if len(buf) > need:
                    if not more:
                        raise ProtocolError("unexpected bytes after the response")
                    self._early = buf[need:]
                # What was printed before the response was written is in its pipe, so this
                # select saw it: the learner process flushes its output before it answers.
                if self._fds["output"] in readable:
                    self._drain_output()
                return parse_body(bytes(buf[HEADER_SIZE:need]))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            readable, _, _ = select.select(watched, [], [], remaining)
            if self._fds["output"] in readable and not self._drain_output():
                watched.remove(self._fds["output"])
            if self._fds["response"] not in readable:
                continue
            chunk = os.read(self._fds["response"], max(need - len(buf), 1 << 16))
            if not chunk:
                raise EOFError
            buf += chunk

    def _drain_output(self) -> bool:
        """Read what is waiting on the output pipe; False at end of file."""
        fd = self._fds.get("output")
        if fd is None:
            return False
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                return True
            except OSError:
                return False
            if not chunk:
                return False
            self.output_total += len(chunk)
            room = self.output_cap - len(self._out)
            if room > 0:
                self._out += chunk[:room]

    def _death(self) -> Outcome:
        assert self._proc is not None
        code = self._proc.wait(timeout=2)
        self.close()
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            return Outcome(False, kind="died", event="killed", facts={"signal": name})
        if code is None:
            return Outcome(False, kind="protocol", event="closed")
        return Outcome(False, kind="exit", event="exited", facts={"code": code})


# The failure kinds the learner process may report; it cannot claim the grader's own.
_LEARNER_KINDS = frozenset({"syntax", "import", "exception", "inplace", "bad-return", "missing",
                            "memory", "exit"})


def interpret(response: dict[str, Any]) -> Outcome:
    """Validate a response: every field typed, the value decoded strictly."""
    if response.get("ready") is True:
        return Outcome(True)
    ok = response.get("ok")
    if ok is True:
        functions = response.get("functions", [])
        if type(functions) is not list or not all(type(f) is str for f in functions):
            raise ProtocolError("malformed function list")
        protections = response.get("protections", [])
        if type(protections) is not list or not all(type(p) is str for p in protections):
            raise ProtocolError("malformed protections")
        value = decode(response["value"], readonly=True) if "value" in response else None
        return Outcome(True, value=value, functions=functions[:200],
                       protections=[p[:300] for p in protections[:10]])
    if ok is False:
        fields = {k: response.get(k, "") for k in ("kind", "message", "traceback")}
        types = response.get("types", [])
        if not all(type(v) is str for v in fields.values()) or type(types) is not list or not all(
            type(t) is str for t in types
        ):
            raise ProtocolError("malformed error report")
        kind = fields["kind"] if fields["kind"] in _LEARNER_KINDS else "exception"
        return Outcome(False, kind=kind, message=fields["message"][:2000],
                       traceback=fields["traceback"][:8000],
                       exc_types=tuple(t[:100] for t in types[:20]))
    raise ProtocolError("response is neither a result nor an error")


def _covers(sent: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """Whether a load request sent ahead serves for ``wanted``: the same file, memory cap and
    confinement, and a CPU allowance at least as large."""
    return ({k: v for k, v in sent.items() if k != "cpu"}
            == {k: v for k, v in wanted.items() if k != "cpu"} and sent["cpu"] >= wanted["cpu"])
