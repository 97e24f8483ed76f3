"""Progress in `.lossdrill/progress.json`: what is recorded, that writes survive being killed
half-way and concurrent writers, that an unreadable file is set aside in one line and never
lost, that the learner's code cannot touch it, and the `progress` command and the dashboard.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lossdrill.learner.progress import STALE_TMP_S, Progress, summarise
from lossdrill.sandbox.confine import landlock_abi
from lossdrill.service.grade import Options, grade
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
PASSING = REPO / "tests" / "learners" / "ex1" / "mse_vectorised.py"
_SCRUBBED = ("LOSSDRILL_EXERCISES", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


def lossdrill(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env["COLUMNS"] = "120"  # a table's rows on one line each, as the assertions read them
    return subprocess.run([sys.executable, "-m", "lossdrill", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=90)


def state_file(folder: Path) -> Path:
    return folder / ".lossdrill" / "progress.json"


@pytest.fixture(scope="module")
def exercises() -> list:
    return Catalog(find_pack(REPO)).all()


# -- what is recorded -----------------------------------------------------------------------


def test_checks_and_hints_are_recorded(tmp_path: Path) -> None:
    progress = Progress(tmp_path)
    progress.record_check("ex1", 3.0, False)
    progress.record_check("ex1", 12.0, True)
    progress.record_check("ex1", 5.0, False)  # a later failure keeps the best and the pass
    progress.record_hint("ex1", 2)
    progress.record_hint("ex1", 1)  # hints used never go down
    state = json.loads(state_file(tmp_path).read_text())["ex1"]
    assert state["attempts"] == 3
    assert state["best_score"] == 12.0
    assert state["last_score"] == 5.0
    assert state["attempts_to_pass"] == 2
    assert state["first_pass"][:4].isdigit()
    assert state["hints_used"] == 2
    assert not progress.warning


def test_two_writers_keep_each_others_records(tmp_path: Path) -> None:
    # A watch session and a `lossdrill hint` in another terminal each hold a Progress.
    watch, hint = Progress(tmp_path), Progress(tmp_path)
    watch.record_check("ex1", 4.0, False)
    hint.record_hint("ex1", 1)
    watch.record_check("ex1", 6.0, False)
    state = Progress(tmp_path).data["ex1"]
    assert (state["attempts"], state["hints_used"], state["best_score"]) == (2, 1, 6.0)


def test_parallel_processes_lose_no_record(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path\n"
            "from lossdrill.learner.progress import Progress\n"
            "for i in range(15): Progress(Path(sys.argv[1])).record_check('ex1', i, False)")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)]) for _ in range(4)]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    assert Progress(tmp_path).data["ex1"]["attempts"] == 60


# -- interrupted writes ---------------------------------------------------------------------

# A writer that stops inside save(), after the temporary file is written and before the
# rename, and says so: the test kills it there.
_STOPS_MID_WRITE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from lossdrill.learner.progress import Progress

    progress = Progress(Path(sys.argv[1]))
    real_fsync = os.fsync
    def fsync(fd):
        real_fsync(fd)
        print("mid-write", flush=True)
        time.sleep(60)
    os.fsync = fsync
    progress.record_check("ex1", 12.0, True)
""")


def test_a_writer_killed_mid_write_leaves_the_file_intact(tmp_path: Path) -> None:
    Progress(tmp_path).record_check("ex1", 3.0, False)
    before = state_file(tmp_path).read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", _STOPS_MID_WRITE, str(tmp_path)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "mid-write"
        leftovers = list(state_file(tmp_path).parent.glob(".progress-*.tmp"))
        assert len(leftovers) == 1 and json.loads(leftovers[0].read_text())["ex1"]["first_pass"]
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert state_file(tmp_path).read_bytes() == before  # whole, and the old record
    fresh = Progress(tmp_path)
    assert not fresh.warning and "first_pass" not in fresh.data["ex1"]

    # The killed writer's temporary file goes once it is stale, at the next save.
    old = time.time() - STALE_TMP_S - 10
    os.utime(leftovers[0], (old, old))
    fresh.record_hint("ex1", 1)
    assert not leftovers[0].exists()


_WRITES_FOREVER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from lossdrill.learner.progress import Progress

    progress = Progress(Path(sys.argv[1]))
    if not progress.data:
        # Large enough that a write takes a while, so kills land inside them too.
        progress.data = {f"ex{i}": {"attempts": 0, "notes": "x" * 2000} for i in range(300)}
        progress.save()
    print("started", flush=True)
    while True:
        progress.record_check("ex1", 1.0, False)
""")


def test_writers_killed_at_random_moments_never_corrupt_it(tmp_path: Path) -> None:
    rng = __import__("random").Random(4)
    attempts = 0
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", _WRITES_FOREVER, str(tmp_path)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
        time.sleep(rng.uniform(0.0, 0.05))
        proc.kill()
        proc.wait()
        data = json.loads(state_file(tmp_path).read_text())  # always whole JSON
        assert len(data) == 300 and data["ex1"]["attempts"] >= attempts
        attempts = data["ex1"]["attempts"]
    assert not Progress(tmp_path).warning


# -- unreadable files -----------------------------------------------------------------------


@pytest.mark.parametrize("content", [
    b'{"ex1": {"attempts": 3', b"\x00\xff\xfe garbage", b"", b"[1, 2, 3]",
    b'{"ex1": 5}', b'\xff{"ex1": {}}'],
    ids=["truncated", "binary", "empty", "a-list", "not-a-mapping-of-exercises", "not-utf8"])
def test_an_unreadable_file_is_set_aside_never_lost(tmp_path: Path, content: bytes) -> None:
    path = state_file(tmp_path)
    path.parent.mkdir()
    path.write_bytes(content)
    progress = Progress(tmp_path)
    assert progress.data == {}
    asides = list(path.parent.glob("progress.json.unreadable-*"))
    assert len(asides) == 1 and asides[0].read_bytes() == content
    assert str(path) in progress.warning and asides[0].name in progress.warning
    assert "\n" not in progress.warning
    progress.record_check("ex1", 2.0, False)
    assert Progress(tmp_path).data["ex1"]["attempts"] == 1


def test_two_files_set_aside_in_the_same_second_both_survive(tmp_path: Path) -> None:
    path = state_file(tmp_path)
    path.parent.mkdir()
    for content in (b"first {", b"second {"):
        path.write_bytes(content)
        Progress(tmp_path)
    kept = sorted(p.read_bytes() for p in path.parent.glob("progress.json.unreadable-*"))
    assert kept == [b"first {", b"second {"]


def test_values_of_the_wrong_type_count_as_absent(tmp_path: Path, exercises: list) -> None:
    path = state_file(tmp_path)
    path.parent.mkdir()
    path.write_text(json.dumps({"ex1": {"attempts": "many", "best_score": None,
                                        "hints_used": True, "first_pass": 7}}))
    progress = Progress(tmp_path)
    row = summarise(exercises, progress.data).rows[0]
    assert (row.attempts, row.best_score, row.hints_used, row.passed) == (0, 0.0, 0, False)
    progress.record_check("ex1", 1.0, False)  # and recording goes on from there
    assert Progress(tmp_path).data["ex1"]["attempts"] == 1


def test_a_corrupt_file_warns_in_one_line_from_the_cli(tmp_path: Path) -> None:
    state_file(tmp_path).parent.mkdir()
    state_file(tmp_path).write_text("{not json")
    result = lossdrill("progress", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "set aside" in lines[0] and "progress.json" in lines[0]


# -- the learner's code cannot mark an exercise passed --------------------------------------

_CHEAT = textwrap.dedent("""
    import json, os

    FORGED = json.dumps({"ex1": {"attempts": 1, "best_score": 12.0,
                                 "first_pass": "2020-01-01T00:00:00"}})
    TARGETS = [".lossdrill/progress.json", WORKSPACE,
               "/proc/%d/cwd/.lossdrill/progress.json" % os.getppid()]
    REPORT = []

    def forge():
        for target in TARGETS:
            try:
                os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
                with open(target, "w") as handle:
                    handle.write(FORGED)
                REPORT.append("wrote " + target)
            except OSError as exc:
                REPORT.append(f"refused {target}: {exc.strerror}")

    forge()  # at import

    def mse(y_true, y_pred):
        forge()  # and at every call
        print(REPORT[-3:])
        raise NotImplementedError
""")


needs_landlock = pytest.mark.skipif(
    landlock_abi() < 1, reason="without Landlock the learner's code may write wherever the "
    "user may (DESIGN.md: the platform degrades to the other limits)")


@needs_landlock
def test_learner_code_cannot_write_the_progress_file(tmp_path: Path,
                                                     exercises: list) -> None:
    workspace = tmp_path / "work"
    workspace.mkdir()
    Progress(workspace).record_check("ex1", 0.0, False)
    target = state_file(workspace)
    before = target.read_bytes()
    learner = workspace / "ex1.py"
    learner.write_text(_CHEAT.replace("WORKSPACE", repr(str(target))))
    result = grade(exercises[0], learner, Options(seed=1, timeout=5)).result
    assert result.status == "failed"
    assert target.read_bytes() == before  # untouched, by any of the three paths
    assert "wrote " + str(target) not in result.learner_output
    assert "refused " + str(target) in result.learner_output


@needs_landlock
def test_a_cheating_check_does_not_pass_in_the_record(tmp_path: Path) -> None:
    target = state_file(tmp_path)
    (tmp_path / "ex1.py").write_text(_CHEAT.replace("WORKSPACE", repr(str(target))))
    result = lossdrill("check", "ex1.py", "--seed", "1", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    state = json.loads(target.read_text())["ex1"]
    assert "first_pass" not in state and state["best_score"] < 12.0 and state["attempts"] == 1


# -- summaries, `lossdrill progress` and the dashboard --------------------------------------


def test_the_summary_totals_and_the_next_exercise(tmp_path: Path, exercises: list) -> None:
    progress = Progress(tmp_path)
    progress.record_check("ex1", 12.0, True)
    progress.record_check("ex2", 4.0, False)
    progress.record_hint("ex2", 2)
    summary = summarise(exercises, progress.data)
    assert summary.passed == 1 and summary.attempts == 2 and summary.hints_used == 2
    assert summary.best_points == 16.0
    assert summary.max_points == sum(e.max_score for e in exercises)
    following = summary.next_unsolved()
    assert following is not None and following.id == "ex2"
    doc = summary.to_dict()
    assert doc["totals"]["passed"] == 1 and doc["exercises"][0]["attempts_to_pass"] == 1


def test_the_progress_command(tmp_path: Path, exercises: list) -> None:
    Progress(tmp_path).record_check("ex1", 12.0, True)
    Progress(tmp_path).record_check("ex2", 4.0, False)
    Progress(tmp_path).record_hint("ex2", 1)
    result = lossdrill("progress", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {m.group(1): line for line in result.stdout.splitlines()
            if (m := re.match(r"^\S?\s+(ex\d+) · ", line))}
    assert list(rows)[:3] == ["ex1", "ex2", "ex3"]
    assert "✓" in rows["ex1"] and "12/12" in rows["ex1"] and "(check 1)" in rows["ex1"]
    ex2 = exercises[1]
    assert f"4/{ex2.max_score:g}" in rows["ex2"] and f"1/{len(ex2.hints)}" in rows["ex2"]
    assert "1 of" in result.stdout and "exercises passed" in result.stdout
    doc = json.loads(lossdrill("progress", "--json", cwd=tmp_path).stdout)
    assert doc["totals"]["attempts"] == 2 and doc["totals"]["hints_used"] == 1


def test_bare_lossdrill_opens_the_dashboard(tmp_path: Path) -> None:
    fresh = lossdrill(cwd=tmp_path)
    assert fresh.returncode == 0, fresh.stderr
    assert "ex1 · Mean squared error" in fresh.stdout
    assert "0 of" in fresh.stdout and "lossdrill start ex1" in fresh.stdout
    assert "lossdrill watch ex1.py" in fresh.stdout

    Progress(tmp_path).record_check("ex1", 12.0, True)
    (tmp_path / "ex2.py").write_text("# lossdrill: ex2\n")
    later = lossdrill(cwd=tmp_path)
    assert "ex2 · Binary cross-entropy" in later.stdout and "1 of" in later.stdout
    assert "lossdrill start ex2" not in later.stdout  # the file is there already
    assert "lossdrill check ex2.py" in later.stdout


def test_the_dashboard_when_every_exercise_is_passed(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "exercises").mkdir(parents=True)
    (pack / "solutions").mkdir()
    for name in ("exercises/ex1_mse.yaml", "solutions/ex1_mse.py"):
        (pack / name).write_bytes((REPO / name).read_bytes())
    Progress(tmp_path).record_check("ex1", 12.0, True)
    result = lossdrill("--pack", pack, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 of 1 exercises passed" in result.stdout
    assert "Every exercise passed" in result.stdout
