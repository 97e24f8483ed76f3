"""`lossdrill grade --dask`: a class graded on a real local Dask cluster (separate worker
processes) and on a scheduler and two workers started as a user starts them gives every output
a local run gives; a bad or unreachable address is one line and exit code 2 with nothing
written; a check whose Dask worker is killed twice is that check's error alone; the learner on
a Dask worker is confined as in a local run and cannot read the pack the worker unpacked."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

from lossdrill.spec.catalog import Catalog, find_pack  # noqa: E402
from lossdrill.workers.cluster import DaskPool  # noqa: E402
from lossdrill.workers.messages import GradeRequest, Trouble  # noqa: E402
from lossdrill.workers.packbundle import bundle, packs_folder  # noqa: E402
from lossdrill.workers.pool import Done, Pool  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
EX1 = Catalog(find_pack(REPO)).get("ex1")
SECRET = "dask-tests-0123456789"
BIN = Path(sys.executable).parent


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("grade_class", REPO / "benchmarks" /
                                                  "grade_class.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["grade_class"] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def grade(subs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossdrill", "grade", str(subs), "--out",
                           str(out), "--secret", SECRET, "--timeout", "2", *extra],
                          capture_output=True, text=True, timeout=240, check=False)


# When each check was graded, how long it took, and whether this run took it from the cache.
_TIMES = ("duration_s", "graded_at", "cached")


def _without_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k not in _TIMES}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def assert_same_outputs(local: Path, dask: Path) -> None:
    """Every output file of the two runs alike, but for the seconds each check took."""
    assert (local / "grades.csv").read_text() == (dask / "grades.csv").read_text()
    assert _without_times(json.loads((local / "results.json").read_text())) == \
        _without_times(json.loads((dask / "results.json").read_text()))
    feedback = sorted(p.name for p in (local / "feedback").iterdir())
    assert feedback and feedback == sorted(p.name for p in (dask / "feedback").iterdir())
    for name in feedback:
        assert (local / "feedback" / name).read_text() == (dask / "feedback" / name).read_text()

    def junit(folder: Path) -> str:
        return re.sub(r'(time|timestamp)="[^"]*"', "", (folder / "junit.xml").read_text())

    assert junit(local) == junit(dask)
    assert (dask / "report.html").is_file()


def test_a_local_cluster_grades_a_class_as_the_local_pool_does(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    planted, roster = _bench().make_class(subs, 6, seed=3, slow_hostile=0,
                                          exercises=("ex1", "ex2"))
    # A notebook travels as its source too, and is graded from its cells.
    for student, notebook in (("s009", "ex1_mse"), ("s010", "sum_not_mean")):
        (subs / student).mkdir()
        shutil.copy(REPO / "tests" / "notebooks" / f"{notebook}.ipynb",
                    subs / student / "ex1.ipynb")
    local = grade(subs, tmp_path / "local", "--roster", str(roster), "--jobs", "2")
    assert local.returncode == 0, local.stderr
    dask = grade(subs, tmp_path / "dask", "--roster", str(roster), "--dask", "local:2")
    assert dask.returncode == 0, dask.stderr
    assert "Traceback" not in dask.stderr
    assert re.search(r"graded (\d+)/\1 ", dask.stderr), dask.stderr  # the progress lines
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    kinds = {p.kind for p in planted}
    assert {"correct", "mistake"} <= kinds
    # A second run on the cluster finds every check in the cache (an interrupted one resumes).
    again = grade(subs, tmp_path / "dask", "--roster", str(roster), "--dask", "local:1")
    assert again.returncode == 0, again.stderr
    assert re.search(r" 0 checks graded, \d+ from the cache", " ".join(again.stdout.split())), \
        again.stdout
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_scheduler_and_two_workers_started_as_a_user_would(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    _bench().make_class(subs, 4, seed=4, slow_hostile=0, exercises=("ex1", "ex2"))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                         "--port", str(port), "--no-dashboard"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for _ in range(2):
            started.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads",
                                             "1", "--no-dashboard"],
                                            stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL))
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:  # the scheduler takes a moment to listen
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(2, timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        local = grade(subs, tmp_path / "local", "--jobs", "2")
        assert local.returncode == 0, local.stderr
        dask = grade(subs, tmp_path / "dask", "--dask", address)
        assert dask.returncode == 0, dask.stderr
        assert_same_outputs(tmp_path / "local", tmp_path / "dask")
        with Client(address, timeout=5) as client:  # nothing of ours is left on the cluster
            plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
        assert all(not any(p.startswith("lossdrill-") for p in names)
                   for names in plugins.values()), plugins
    finally:
        for proc in reversed(started):
            proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.mark.parametrize("extra", [
    ("--dask", "nonsense"),
    ("--dask", "local:0"),
    ("--dask", "tcp://127.0.0.1:{closed}"),
    ("--dask", "no-such-host.invalid:8786"),
    ("--dask", "local:1", "--jobs", "2"),
])
def test_a_bad_or_unreachable_address_is_one_line_and_exit_2(tmp_path: Path,
                                                             extra: tuple[str, ...]) -> None:
    subs = tmp_path / "subs"
    (subs / "ann").mkdir(parents=True)
    shutil.copy(LEARNERS / "ex1" / "mse_pure.py", subs / "ann" / "ex1.py")
    closed = _free_port()  # nothing listens there once the probe socket is closed
    run = grade(subs, tmp_path / "out", *(e.format(closed=closed) for e in extra))
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lossdrill: error: "), run.stderr
    assert "--dask" in lines[0] or "--jobs" in lines[0]
    assert not (tmp_path / "out").exists()  # nothing written


SLOW = """# lossdrill: ex1
import time
import numpy as np


def mse(y_true, y_pred):
    time.sleep(0.5)
    return float(np.mean((np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2))
"""


def job(key: str, file: Path, budget: float = 120.0) -> GradeRequest:
    return GradeRequest(key=key, exercise="ex1", exercises=str(EX1.path.parent),
                        solutions=str(EX1.solution_path.parent), file=str(file),
                        label=file.name, seed=1, timeout=5.0, memory=1 << 30, budget=budget)


def test_a_check_whose_dask_worker_dies_twice_is_its_error_alone(tmp_path: Path) -> None:
    slow = tmp_path / "slow.py"
    slow.write_text(SLOW)
    fine = [LEARNERS / "ex1" / name for name in ("mse_pure.py", "mse_loops.py",
                                                 "mse_vectorised.py")]
    pool = DaskPool("local:2")
    client = pool.client
    kills: list[int] = []

    def busy_with(dask_worker: Any) -> tuple[int, list[str]]:
        plugins = [p for n, p in dask_worker.plugins.items() if n.startswith("lossdrill-")]
        return os.getpid(), [label for p in plugins for label in p.busy]

    def assassin() -> None:
        deadline = time.monotonic() + 120
        while len(kills) < 2 and time.monotonic() < deadline:
            try:
                found = client.run(busy_with)
            except Exception:  # noqa: BLE001  (a worker restarting)
                found = {}
            for pid, labels in found.values():
                if "slow.py" in labels and pid not in kills:
                    os.kill(pid, signal.SIGKILL)
                    kills.append(pid)
                    break
            time.sleep(0.1)

    thread = threading.Thread(target=assassin)
    thread.start()
    done: dict[str, Done] = {}
    try:
        pool.run([job("slow", slow), *(job(f.stem, f) for f in fine)],
                 lambda d: done.update({d.job.key: d}))
    finally:
        thread.join()
        pool.close()
    assert len(kills) == 2, kills
    failure = done["slow"].failure
    assert failure is not None and failure.trouble is Trouble.DIED, done["slow"]
    assert "died, twice" in failure.message
    for f in fine:
        result = done[f.stem].result
        assert result is not None and result["status"] == "passed", done[f.stem]


PROBE = """# lossdrill: ex1
# Not a solution: what a learner's code on a Dask worker can reach.
import os
import socket

import numpy as np

for path in {paths!r}:
    try:
        with open(path, "rb") as handle:
            handle.read(1)
        print("READ", path)
    except OSError:
        pass
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
    print("CONNECTED")
except OSError:
    pass
print("PROBED")


def mse(y_true, y_pred):
    return float(np.mean((np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2))
"""


def test_a_learner_on_a_dask_worker_is_confined_as_in_a_local_run(tmp_path: Path) -> None:
    other = tmp_path / "subs" / "bob" / "ex1.py"  # another student's work, on this machine
    other.parent.mkdir(parents=True)
    shutil.copy(LEARNERS / "ex1" / "mse_pure.py", other)
    pack = packs_folder() / bundle(EX1.path.parent, EX1.solution_path.parent).digest
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        probe = tmp_path / "subs" / "ann" / "ex1.py"
        probe.parent.mkdir(parents=True)
        probe.write_text(PROBE.format(paths=[str(pack / "exercises" / EX1.path.name),
                                             str(pack / "solutions" / EX1.solution_path.name),
                                             str(other), str(EX1.path)], port=port))
        request = job("probe", probe)
        request = GradeRequest(**{**request.__dict__, "deny": (str(tmp_path / "subs"),)})
        results: dict[str, Done] = {}
        DaskPool("local:1").run([request], lambda d: results.update(dask=d))
        Pool(1).run([request], lambda d: results.update(local=d))
    for where in ("dask", "local"):
        result = results[where].result
        assert result is not None and result["status"] != "error", results[where]
        assert "PROBED" in result["learner_output"], result["learner_output"]
        assert "READ" not in result["learner_output"], (where, result["learner_output"])
        assert "CONNECTED" not in result["learner_output"], where
    dask, local = results["dask"].result, results["local"].result
    assert dask is not None and local is not None
    assert dask["protections"] == local["protections"]  # the same walls, in the same words
    assert dask["score"] == local["score"]
    assert any("Landlock" in p for p in dask["protections"]) or not any(
        "Landlock" in p for p in local["protections"])
