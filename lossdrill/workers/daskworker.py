"""The worker's side of grading on a Dask cluster (cluster.py is the grader's): a worker plugin
that keeps, on each Dask worker, the grader's own grade child (child.py, mode `grade`) with
its warm, confined fork server, and the task that hands it one submission.

The Dask worker process only relays: it writes the submission's source into its private
folder, sends the child the request line and reads back the answer line, as the local pool
does. The learner's code runs in a learner process forked by the child's fork server and
confined there exactly as in a local run; the child is the one a local run grades in, so a
check costs here what it costs there, and a check that outlives its budget has its child
stopped (a Dask task, a thread, could not be). A child that dies is replaced and the check
tried once more on the new one; a second death is the check's failure.

This module imports Dask: it is loaded only by `grade --dask` and on the cluster's workers.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import select
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin, get_worker

from lossdrill.workers.child import start_child
from lossdrill.workers.messages import Answer, Failure, GradeRequest, encode_request, read_answer
from lossdrill.workers.packbundle import PackBundle, packs_folder, unpack
from lossdrill.workers.pool import STOP_GRACE, died_twice, over_budget


class GradeChild:
    """One grade child, asked one request at a time."""

    def __init__(self, cpu: int | None) -> None:
        self.proc = start_child("grade", *([] if cpu is None else [str(cpu)]))
        self.buffer = bytearray()
        self.stopped = False

    @property
    def usable(self) -> bool:
        return not self.stopped and self.proc.poll() is None

    def ask(self, request: GradeRequest, rename: tuple[bytes, bytes]) -> Answer | None:
        """The child's answer to ``request``, with ``rename``'s first path (the worker's copy
        of the file) written as its second (the grader's) in it; None if the child died."""
        token = secrets.token_hex(16)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(encode_request(token, request))
            self.proc.stdin.flush()
        except OSError:
            self.close()
            return None
        deadline = time.monotonic() + request.budget
        fd = self.proc.stdout.fileno()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.close()  # SIGTERM: it closes its learner process's group
                return Answer(failure=over_budget(request))
            if not select.select([fd], [], [], min(remaining, 1.0))[0]:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                self.close()
                return None
            self.buffer += chunk
            while b"\n" in self.buffer:
                line, _, rest = self.buffer.partition(b"\n")
                self.buffer = bytearray(rest)
                answer = read_answer(token, bytes(line).replace(*rename))
                if answer is not None:
                    return answer

    def close(self) -> int:
        """End the child (at end of input; SIGTERM, then SIGKILL, if it is busy) and return
        its exit status."""
        self.stopped = True
        with contextlib.suppress(OSError):
            if self.proc.stdin:
                self.proc.stdin.close()
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                self.proc.terminate()
        try:
            code = self.proc.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        with contextlib.suppress(OSError):
            if self.proc.stdout:
                self.proc.stdout.close()
        return code


def _pin(cpu: int) -> None:
    """Keep this Dask worker (each of its threads) on the CPU of its grade child, as the local
    pool keeps a worker with its learner processes: what it relays is then a switch on one
    CPU, and the other CPUs are left to the other workers."""
    with contextlib.suppress(OSError, AttributeError):
        for task in os.listdir("/proc/self/task"):
            os.sched_setaffinity(int(task), {cpu})


def plugin_name(packs: list[PackBundle]) -> str:
    return "lossdrill-" + "-".join(sorted(p.digest[:16] for p in packs))


class GraderPlugin(WorkerPlugin):
    """What a Dask worker keeps for lossdrill: the packs unpacked, a private folder for the
    submissions it is given, and its grade children (one per task it runs at a time; a
    worker started with `--nthreads 1`, as recommended, has one)."""

    idempotent = True  # registered again by a later run of the same packs: kept as it is

    def __init__(self, packs: list[PackBundle], cpus: list[int]) -> None:
        self.packs = packs
        self.cpus = cpus  # a local cluster as large as the machine: a CPU per worker
        self.name = plugin_name(packs)

    def setup(self, worker: Any) -> None:
        self.folders = {pack.digest: unpack(pack) for pack in self.packs}
        self.packs = []  # unpacked: the bytes are not needed again
        self.work = Path(tempfile.mkdtemp(prefix="lossdrill-work-"))
        name = worker.name
        self.cpu = self.cpus[name % len(self.cpus)] if self.cpus and isinstance(name, int) \
            else None
        if self.cpu is not None:
            _pin(self.cpu)
        self.lock = threading.Lock()
        self.busy: list[str] = []  # the labels of the files being graded (client.run shows it)
        self.idle = [GradeChild(self.cpu)]  # warm before the first task arrives

    def teardown(self, worker: Any) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for child in idle:
            child.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def grade(self, request: GradeRequest, digest: str, source: bytes
              ) -> tuple[dict[str, Any] | None, Failure | None]:
        """Grade ``source``, the file ``request.file`` names on the grader's machine."""
        folder = Path(tempfile.mkdtemp(dir=self.work))
        self.busy.append(request.label)
        try:
            path = folder / Path(request.file).name
            path.write_bytes(source)
            pack = self.folders[digest]
            here = replace(request, file=str(path), exercises=str(pack / "exercises"),
                           solutions=str(pack / "solutions"),
                           deny=(*request.deny, str(self.work), str(packs_folder())))
            # Paths in messages read as in a local run: the grader's, not this copy's.
            rename = (json.dumps(str(path))[1:-1].encode("ascii"),
                      json.dumps(request.file)[1:-1].encode("ascii"))
            for attempt in (1, 2):
                child = self._take()
                answer = child.ask(here, rename)
                if answer is not None:
                    self._give(child)
                    return answer.result, answer.failure
                if attempt == 2:
                    return None, died_twice(child.proc.returncode)
            raise AssertionError("unreachable")
        finally:
            self.busy.remove(request.label)
            shutil.rmtree(folder, ignore_errors=True)

    def _take(self) -> GradeChild:
        with self.lock:
            while self.idle:
                child = self.idle.pop()
                if child.usable:
                    return child
                child.close()
        return GradeChild(self.cpu)

    def _give(self, child: GradeChild) -> None:
        if not child.usable:
            child.close()
            return
        with self.lock:
            self.idle.append(child)


def grade_task(plugin: str, checks: list[tuple[str, GradeRequest, bytes]]
               ) -> list[tuple[dict[str, Any] | None, Failure | None]]:
    """A Dask task: grade a few submissions, one after the other, on this worker (its plugin,
    ``plugin``, holds the packs their digests name); ``checks``: (digest, request, source)."""
    found = get_worker().plugins[plugin]
    assert isinstance(found, GraderPlugin)
    return [found.grade(request, digest, source) for digest, request, source in checks]
