"""Run grading jobs on a few grade workers (grader children, child.py in mode `grade`), one job
each at a time.

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
import os
import secrets
import selectors
import signal
import subprocess
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any, Protocol

from lossdrill.workers.child import start_child
from lossdrill.workers.messages import (
    Failure,
    GradeRequest,
    Trouble,
    encode_request,
    read_answer,
)

STOP_GRACE = 3.0  # seconds a stopped worker has to close its learner process


@dataclass
class Done:
    job: GradeRequest
    result: dict[str, Any] | None = None  # CheckResult data, as result_to_data gives it
    failure: Failure | None = None


@dataclass
class Worker:
    """A grade worker as the pool holds it."""

    proc: subprocess.Popen[bytes]
    buffer: bytearray = field(default_factory=bytearray)
    job: GradeRequest | None = None
    token: str = ""  # the job's: its answer starts with it
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


class Runner(Protocol):
    """What grades a list of jobs: this module's Pool, or a Dask cluster's (cluster.py)."""

    def run(self, jobs: list[GradeRequest], on_done: Callable[[Done], None]) -> None: ...


def over_budget(job: GradeRequest) -> Failure:
    return Failure(Trouble.BUDGET, f"grading this file took longer than its budget of "
                   f"{job.budget:g} s")


def died_twice(code: int) -> Failure:
    """The failure of a job whose grader process died (``code``: its exit status) twice."""
    how = f"signal {signal.Signals(-code).name}" if code < 0 and -code in \
        signal.valid_signals() else f"exit code {code}"
    return Failure(Trouble.DIED, f"the grader process grading this file died ({how}), twice; "
                   "does the file signal or kill its parent?")


class Pool:
    def __init__(self, size: int, log: IO[bytes] | None = None) -> None:
        self.size = max(1, size)
        self.log = log
        self.selector = selectors.DefaultSelector()
        self.workers: list[Worker] = []
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

    def _spawn(self) -> Worker:
        cpu = self._cpu()
        proc = start_child("grade", *([] if cpu is None else [str(cpu)]), stderr=self.log)
        worker = Worker(proc, cpu=cpu)
        assert proc.stdout is not None
        self.selector.register(proc.stdout, selectors.EVENT_READ, worker)
        self.workers.append(worker)
        return worker

    def run(self, jobs: list[GradeRequest], on_done: Callable[[Done], None]) -> None:
        """Grade every job (``job.budget``: its wall-clock seconds); ``on_done`` is called
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

    def _hand_out(self, pending: deque[GradeRequest], tries: dict[str, int]) -> None:
        for worker in self.workers:
            if worker.job is None and not worker.stopping_since and pending:
                job = pending.popleft()
                tries[job.key] = tries.get(job.key, 0) + 1
                self._assign(worker, job)

    def _assign(self, worker: Worker, job: GradeRequest) -> None:
        worker.job, worker.deadline = job, time.monotonic() + job.budget
        worker.token = secrets.token_hex(16)
        assert worker.proc.stdin is not None
        try:
            worker.proc.stdin.write(encode_request(worker.token, job))
            worker.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # it died: its end of file arrives through the selector

    def _wait(self, pending: deque[GradeRequest], tries: dict[str, int],
              on_done: Callable[[Done], None]) -> None:
        now = time.monotonic()
        deadlines = [w.deadline for w in self.workers if w.job is not None]
        deadlines += [w.stopping_since + STOP_GRACE for w in self.workers if w.stopping_since]
        wait = max(0.0, min(deadlines, default=now + 1.0) - now)
        for key, _ in self.selector.select(timeout=min(wait, 1.0)):
            worker: Worker = key.data
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
                on_done(Done(job, failure=over_budget(job)))
                self._stop(worker)
            elif worker.stopping_since and now > worker.stopping_since + STOP_GRACE:
                with contextlib.suppress(OSError):
                    worker.proc.kill()

    def _reply(self, worker: Worker, line: bytes, on_done: Callable[[Done], None]) -> None:
        if worker.job is None:
            return  # the answer to a job already given up (over budget)
        answer = read_answer(worker.token, line)
        if answer is None:
            return  # not the worker's answer: only its job's token makes one
        job, worker.job = worker.job, None
        on_done(Done(job, answer.result, answer.failure))

    def _died(self, worker: Worker, pending: deque[GradeRequest], tries: dict[str, int],
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
        if tries.get(job.key, 0) < 2:
            pending.appendleft(job)  # once more on a fresh worker: it may not be the file
            return
        on_done(Done(job, failure=died_twice(code)))

    def _stop(self, worker: Worker) -> None:
        worker.stopping_since = time.monotonic()
        with contextlib.suppress(OSError):
            worker.proc.terminate()

    def _forget(self, worker: Worker) -> None:
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
