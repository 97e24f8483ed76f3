"""The worker pool under trouble: a check over its wall-clock budget has its worker stopped
(and its learner process with it) while the others go on; a worker that dies is replaced
and its job retried; a broken exercise is reported, never cached, and `lossdrill grade`
exits 2 without writing grades."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.workers.messages import GradeRequest, Trouble
from lossdrill.workers.pool import Done, Pool, Worker

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
EX1 = Catalog(find_pack(REPO)).get("ex1")
SLOW = """# lossdrill: ex1
import time
import numpy as np


def mse(y_true, y_pred):
    time.sleep(0.4)  # under the per-call limit, every time: slow in total
    return float(np.mean((np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2))
"""


def job(key: str, file: Path, budget: float = 60.0) -> GradeRequest:
    return GradeRequest(key=key, exercise="ex1", exercises=str(EX1.path.parent),
                        solutions=str(EX1.solution_path.parent), file=str(file),
                        label=file.name, seed=1, timeout=2.0, memory=1 << 30, budget=budget)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            found |= {int(c) for c in text.split()}
    except OSError:
        pass
    return found


def _is_learner(pid: int) -> bool:
    """A learner process, or the fork server whose forks they are (whose command line they
    carry)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"lossdrill.sandbox.serve" in command or b"lossdrill.sandbox.zygote" in command


class LearnerWatch:
    """Collects the learner processes the pool's workers start, while it runs."""

    def __init__(self, pool: Pool) -> None:
        self.pool, self.stop = pool, threading.Event()
        self.seen: set[int] = set()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        while not self.stop.wait(0.01):
            for worker in list(self.pool.workers):
                below = _children(worker.proc.pid)
                below |= {g for c in below for g in _children(c)}
                self.seen |= {c for c in below if _is_learner(c)}

    def __enter__(self) -> LearnerWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def test_a_check_over_budget_is_stopped_and_the_others_finish(tmp_path: Path) -> None:
    slow = tmp_path / "slow.py"
    slow.write_text(SLOW)
    fine = [LEARNERS / "ex1" / "mse_pure.py", LEARNERS / "ex1" / "mse_vectorised.py"]
    done: dict[str, Done] = {}
    started = time.monotonic()
    pool = Pool(2)
    with LearnerWatch(pool) as watch:
        pool.run([job("slow", slow, budget=1.5), *(job(f.stem, f) for f in fine)],
                 lambda d: done.update({d.job.key: d}))
    assert time.monotonic() - started < 30
    failure = done["slow"].failure
    assert failure is not None and failure.trouble is Trouble.BUDGET
    assert "budget of 1.5 s" in failure.message
    for f in fine:
        result = done[f.stem].result
        assert result is not None and result["status"] == "passed"
    assert watch.seen, "the learner processes were not observed"
    time.sleep(0.2)
    alive = [pid for pid in watch.seen if _is_learner(pid)]
    assert not alive, "a stopped worker left its learner process behind"


def test_a_dead_worker_is_replaced_and_its_job_retried(tmp_path: Path) -> None:
    files = [LEARNERS / "ex1" / name for name in ("mse_pure.py", "mse_loops.py",
                                                  "mse_einsum.py", "mse_average.py")]
    pool = Pool(2)
    killed: list[int] = []

    def assassin() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not killed:
            for worker in list(pool.workers):
                if worker.job is not None:
                    worker.proc.kill()
                    killed.append(worker.proc.pid)
                    return
            time.sleep(0.01)

    thread = threading.Thread(target=assassin)
    thread.start()
    done: dict[str, Done] = {}
    pool.run([job(f.stem, f) for f in files], lambda d: done.update({d.job.key: d}))
    thread.join()
    assert killed
    assert sorted(done) == sorted(f.stem for f in files)
    assert all(d.result is not None and d.result["status"] == "passed" for d in done.values())


def test_a_broken_reference_stops_grading_with_exit_2(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "exercises").mkdir(parents=True)
    (pack / "solutions").mkdir()
    shutil.copy(EX1.path, pack / "exercises")
    reference = EX1.solution_path.read_text().replace(
        '    y_true = np.asarray(y_true, dtype=np.float64)\n',
        '    y_true = np.asarray(y_true, dtype=np.float64)\n'
        '    if y_true.size > 20:\n        raise RuntimeError("broken on large inputs")\n', 1)
    (pack / "solutions" / EX1.solution_path.name).write_text(reference)
    subs = tmp_path / "subs"
    (subs / "ann").mkdir(parents=True)
    shutil.copy(LEARNERS / "ex1" / "mse_pure.py", subs / "ann" / "ex1.py")
    run = subprocess.run([sys.executable, "-m", "lossdrill", "grade", str(subs), "--out",
                          str(tmp_path / "out"), "--pack", str(pack), "--secret",
                          "0123456789abcdef"], capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 2, run.stderr
    assert "could not be graded" in run.stderr and "broken on large inputs" in run.stderr
    assert not (tmp_path / "out" / "grades.csv").exists()
    assert not list((tmp_path / "out" / ".lossdrill" / "cache").glob("*/*.json"))


def test_workers_are_spread_over_physical_cores_first() -> None:
    pool = Pool(4)
    pool._cores = [[0, 2], [1, 3]]  # two cores with two hyperthreads each
    chosen = []
    for _ in range(5):
        cpu = pool._cpu()
        chosen.append(cpu)
        pool.workers.append(Worker(subprocess.Popen([sys.executable, "-c", ""]), cpu=cpu))
    for worker in pool.workers:
        worker.proc.wait()
    assert chosen == [0, 1, 2, 3, 0], chosen
    pool.workers[1].stopping_since = pool.workers[3].stopping_since = 1.0  # being stopped
    assert pool._cpu() == 1  # the core they were on is free again
    pool.selector.close()


def test_each_worker_runs_on_the_cpu_it_was_given(tmp_path: Path) -> None:
    if not hasattr(os, "sched_getaffinity"):
        return
    cpus = len(os.sched_getaffinity(0))
    if cpus > 1:
        smaller = Pool(cpus - 1)
        assert smaller._cores == []  # a pool smaller than the machine is not pinned
        smaller.selector.close()
    pool = Pool(cpus)
    try:
        workers = [pool._spawn() for _ in range(min(2, cpus))]
        deadline = time.monotonic() + 30
        for worker in workers:
            status = Path(f"/proc/{worker.proc.pid}/status")
            want = str(worker.cpu)
            while time.monotonic() < deadline:
                line = [x for x in status.read_text().splitlines()
                        if x.startswith("Cpus_allowed_list")][0]
                if line.split()[1] == want:
                    break
                time.sleep(0.05)
            else:
                raise AssertionError(f"worker {worker.proc.pid} not on CPU {want}: {line}")
    finally:
        pool.close()
