"""Run grading jobs on a few grader processes (worker.py), one job each at a time.

Why not multiprocessing: a learner's file may kill the process that grades it (a signal to
its parent where the kernel cannot scope signals, the memory of the machine, a bug). Here a
dead worker costs its one job — retried once on a fresh worker, then reported — and a job
that outlives its wall-clock budget has its worker stopped (SIGTERM: it closes its learner
process group) and replaced; the other workers never wait for either.

When there are as many workers as CPUs (the default), each stays on one CPU with its fork
server and learner processes: a check is a ping-pong of calls between a worker and its
learner process, a plain switch on one CPU, whereas across two each call would wake an idle
CPU (slow, most of all in a virtual machine) while the other waits.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

_ROOT = str(Path(__file__).resolve().parents[2])
_BOOT = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
         "from lossdrill.workers.grader import main; main(sys.argv[1:])")
STOP_GRACE = 3.0  # seconds a stopped worker has to close its learner process
# A worker per core already: a BLAS thread pool in each would only spin (OpenBLAS threads
# busy-wait after every call) on the cores the other workers and learner processes need.
_ONE_THREAD = {var: "1" for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                    "MKL_NUM_THREADS")}


@dataclass
class Done:
    job: dict[str, Any]
    result: dict[str, Any] | None = None  # CheckResult data
    error: str = ""
    kind: str = ""  # spec, grader, died, budget


@dataclass
class _Worker:
    proc: subprocess.Popen[bytes]
    buffer: bytearray = field(default_factory=bytearray)
    job: dict[str, Any] | None = None
    deadline: float = 0.0
    stopping_since: float = 0.0
    cpu: int | None = None


def physical_cores() -> list[list[int]]:
    """The CPUs this process may run on, grouped by physical core (hyperthreads together);
    empty where the system does not say."""
    if not hasattr(os, "sched_getaffinity"):
        return []
    cores: dict[str, list[int]] = {}
    for cpu in sorted(os.sched_getaffinity(0)):
        try:
            with open(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list") as f:
                core = f.read().strip()
        except OSError:
            core = str(cpu)
        cores.setdefault(core, []).append(cpu)
    return list(cores.values())


class Pool:
    def __init__(self, size: int, log: IO[bytes] | None = None) -> None:
        self.size = max(1, size)
        self.log = log
        self.selector = selectors.DefaultSelector()
        self.workers: list[_Worker] = []
        self._answered: list[Done] = []  # answers read, passed on once workers have new jobs
        # Pinned only when the pool takes every CPU it may use: then nothing else of ours is
        # left to run there, whereas a smaller pool pinned to the first CPUs could crowd them
        # while others sit idle (another pool's workers, say).
        cores = physical_cores() if hasattr(os, "sched_setaffinity") else []
        self._cores = cores if self.size >= sum(len(core) for core in cores) else []

    def _cpu(self) -> int | None:
        """The CPU for a new worker: on the physical core with the fewest workers, the CPU
        with the fewest."""
        load = Counter(w.cpu for w in self.workers if not w.stopping_since)
        return min(((sum(load[c] for c in core), load[cpu], cpu)
                    for core in self._cores for cpu in core), default=(0, 0, None))[2]

    def _spawn(self) -> _Worker:
        cpu = self._cpu()
        proc = subprocess.Popen([sys.executable, "-c", _BOOT, _ROOT,
                                 *([] if cpu is None else [str(cpu)])],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=self.log if self.log else subprocess.DEVNULL,
                                env={**_ONE_THREAD, **os.environ})
        assert proc.stdout is not None
        os.set_blocking(proc.stdout.fileno(), False)
        worker = _Worker(proc, cpu=cpu)
        self.selector.register(proc.stdout, selectors.EVENT_READ, worker)
        self.workers.append(worker)
        return worker

    def run(self, jobs: list[dict[str, Any]], on_done: Callable[[Done], None]) -> None:
        """Grade every job (``job["budget"]``: its wall-clock seconds); ``on_done`` is called
        in this process as each one ends."""
        pending = deque(jobs)
        tries: dict[str, int] = {}
        try:
            for _ in range(min(self.size, len(pending))):
                self._spawn()
            while pending or any(w.job is not None for w in self.workers):
                self._hand_out(pending, tries)
                self._wait(pending, tries, on_done)
                # A worker that answered gets its next job before its answer is kept (a
                # cache write): it grades meanwhile instead of waiting for us.
                self._hand_out(pending, tries)
                answered, self._answered = self._answered, []
                for done in answered:
                    on_done(done)
                active = [w for w in self.workers if not w.stopping_since]
                wanted = min(self.size, len(pending) + sum(w.job is not None for w in active))
                for _ in range(wanted - len(active)):
                    self._spawn()
        finally:
            self.close()

    def _hand_out(self, pending: deque[dict[str, Any]], tries: dict[str, int]) -> None:
        for worker in self.workers:
            if worker.job is None and not worker.stopping_since and pending:
                job = pending.popleft()
                tries[job["key"]] = tries.get(job["key"], 0) + 1
                self._assign(worker, job, float(job["budget"]))

    def _assign(self, worker: _Worker, job: dict[str, Any], seconds: float) -> None:
        worker.job, worker.deadline = job, time.monotonic() + seconds
        assert worker.proc.stdin is not None
        try:
            worker.proc.stdin.write((json.dumps(job) + "\n").encode())
            worker.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # it died: its end of file arrives through the selector

    def _wait(self, pending: deque[dict[str, Any]], tries: dict[str, int],
              on_done: Callable[[Done], None]) -> None:
        now = time.monotonic()
        deadlines = [w.deadline for w in self.workers if w.job is not None]
        deadlines += [w.stopping_since + STOP_GRACE for w in self.workers if w.stopping_since]
        wait = max(0.0, min(deadlines, default=now + 1.0) - now)
        for key, _ in self.selector.select(timeout=min(wait, 1.0)):
            worker: _Worker = key.data
            try:
                chunk = os.read(worker.proc.stdout.fileno(), 1 << 16)  # type: ignore[union-attr]
            except BlockingIOError:
                continue
            if not chunk:
                self._died(worker, pending, tries, on_done)
                continue
            worker.buffer += chunk
            while b"\n" in worker.buffer:
                line, _, rest = worker.buffer.partition(b"\n")
                worker.buffer = bytearray(rest)
                self._reply(worker, bytes(line), self._answered.append)
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.job is not None and now > worker.deadline and not worker.stopping_since:
                job, worker.job = worker.job, None
                on_done(Done(job, error="grading this file took longer than its budget of "
                             f"{budget_text(job)}", kind="budget"))
                self._stop(worker)
            elif worker.stopping_since and now > worker.stopping_since + STOP_GRACE:
                with contextlib.suppress(OSError):
                    worker.proc.kill()

    def _reply(self, worker: _Worker, line: bytes, on_done: Callable[[Done], None]) -> None:
        job, worker.job = worker.job, None
        if job is None:
            return  # the answer to a job already given up (over budget)
        try:
            reply = json.loads(line)
        except ValueError:
            on_done(Done(job, error="the grader process sent an unreadable answer",
                         kind="grader"))
            return
        if "result" in reply:
            on_done(Done(job, result=reply["result"]))
        else:
            on_done(Done(job, error=str(reply.get("error", "")), kind=str(reply.get("kind"))))

    def _died(self, worker: _Worker, pending: deque[dict[str, Any]], tries: dict[str, int],
              on_done: Callable[[Done], None]) -> None:
        self._forget(worker)
        job = worker.job
        if job is None:
            return
        try:
            code = worker.proc.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:  # its output closed, yet alive: end it
            worker.proc.kill()
            code = worker.proc.wait()
        if tries.get(job["key"], 0) < 2:
            pending.appendleft(job)  # once more on a fresh worker: it may not be the file
            return
        how = f"signal {signal.Signals(-code).name}" if code < 0 and -code in \
            signal.valid_signals() else f"exit code {code}"
        on_done(Done(job, error=f"the grader process grading this file died ({how}), twice; "
                     "does the file signal or kill its parent?", kind="died"))

    def _stop(self, worker: _Worker) -> None:
        worker.stopping_since = time.monotonic()
        with contextlib.suppress(OSError):
            worker.proc.terminate()

    def _forget(self, worker: _Worker) -> None:
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(worker.proc.stdout)  # type: ignore[arg-type]
        if worker in self.workers:
            self.workers.remove(worker)
        with contextlib.suppress(OSError):
            if worker.proc.stdin:
                worker.proc.stdin.close()

    def close(self) -> None:
        """End every worker: idle ones at end of input, busy ones by SIGTERM, then SIGKILL."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                if worker.proc.stdin:
                    worker.proc.stdin.close()
            if worker.job is not None:
                with contextlib.suppress(OSError):
                    worker.proc.terminate()
        end = time.monotonic() + STOP_GRACE
        for worker in self.workers:
            try:
                worker.proc.wait(timeout=max(0.1, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                worker.proc.kill()
                worker.proc.wait()
            with contextlib.suppress(OSError):
                if worker.proc.stdout:
                    worker.proc.stdout.close()
        self.workers = []
        self.selector.close()


def budget_text(job: dict[str, Any]) -> str:
    return f"{job.get('budget', 0):g} s"
