"""`lossdrill grade` end to end on a generated class: correct, buggy, broken, hostile and
missing work in three layouts, graded in one command with the right scores; the outputs;
the cache (an interrupted run finishes from it; a changed spec re-grades only its exercise);
bad input refused with one line and nothing written.

The class is small (24 students) to keep this file quick; benchmarks/grade_class.py
runs a few hundred.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lossdrill.classroom.seeds import student_seed
from lossdrill.grading.engine import check_functions
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
SECRET = "test-course-secret-0123"
TIMEOUT = "2"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("grade_class", REPO / "benchmarks" /
                                                  "grade_class.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["grade_class"] = module
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
CATALOG = Catalog(find_pack(REPO))


def lossdrill(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossdrill", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, **(env or {})}, timeout=300,
                          check=False)


def _load(path: Path) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location(f"fixture_{abs(hash(path))}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return vars(module)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("class")
    planted, roster = BENCH.make_class(root / "submissions", 24, seed=5, slow_hostile=1)
    # A folder the roster does not know, and a file for no exercise.
    (root / "submissions" / "zz_stranger").mkdir()
    shutil.copy(REPO / "tests/learners/ex1/mse_vectorised.py",
                root / "submissions" / "zz_stranger" / "ex1.py")
    (root / "submissions" / "s000").mkdir(exist_ok=True)
    (root / "submissions" / "s000" / "notes.py").write_text("print('hello')\n")
    started = time.monotonic()
    run = lossdrill("grade", str(root / "submissions"), "--out", str(root / "out"),
                    "--roster", str(roster), "--exercises", "ex1,ex2,ex3", "--secret", SECRET,
                    "--timeout", TIMEOUT, "--similar")
    return {"root": root, "planted": planted, "run": run, "out": root / "out",
            "seconds": time.monotonic() - started,
            "doc": json.loads((root / "out" / "results.json").read_text())
            if run.returncode == 0 else {}}


def test_grading_completes_with_exit_0(graded: dict[str, Any]) -> None:
    run = graded["run"]
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Scores per exercise" in run.stdout
    assert "checks graded" in run.stdout


def _results(graded: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(s["id"], ex): r for s in graded["doc"]["students"]
            for ex, r in s["exercises"].items()}


def test_every_score_is_right(graded: dict[str, Any]) -> None:
    results = _results(graded)
    for p in graded["planted"]:
        got = results[(p.student, p.exercise)]
        ex = CATALOG.get(p.exercise)
        assert got["seed"] == student_seed(SECRET, p.student, p.exercise)
        if p.kind == "missing":
            assert (got["status"], got["score"]) == ("missing", 0.0), p
        elif p.kind in ("correct", "mistake"):
            # The same file graded in this process, with the student's seed, as trusted code.
            functions = _load(p.source)
            with np.errstate(all="ignore"):
                expected = check_functions(ex, {f: functions[f] for f in ex.function_names
                                                if f in functions}, seed=got["seed"])
            assert got["score"] == expected.score, (p, got["tests"])
            if p.kind == "correct":
                assert got["score"] == ex.max_score, p
            else:
                assert got["score"] < ex.max_score
                assert p.mistake in [d["id"] for d in got["diagnoses"]], (p, got["diagnoses"])
        elif p.source.name != "huge_output.py":  # printing a lot is allowed
            assert got["status"] != "passed" and got["score"] < ex.max_score, p


def test_gradebook_has_a_row_per_student_and_zero_rows_for_missing_work(
        graded: dict[str, Any]) -> None:
    with open(graded["out"] / "grades.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["student", "name", "ex1", "ex2", "ex3", "total"]
    by_id = {r["student"]: r for r in rows}
    results = _results(graded)
    for student in {p.student for p in graded["planted"]}:
        row = by_id[student]
        scores = [float(row[ex]) for ex in ("ex1", "ex2", "ex3")]
        assert scores == [results[(student, ex)]["score"] for ex in ("ex1", "ex2", "ex3")]
        assert float(row["total"]) == sum(scores)
        assert row["name"].startswith("Student ")
    nothing = {p.student for p in graded["planted"]} - {
        p.student for p in graded["planted"] if p.kind != "missing"}
    assert nothing, "the generated class should have students who submitted nothing"
    assert all(float(by_id[s]["total"]) == 0 for s in nothing)


def test_strangers_and_unmatched_files_are_reported(graded: dict[str, Any]) -> None:
    doc = graded["doc"]
    assert doc["not_on_roster"] == ["zz_stranger"]
    assert any(f.endswith("notes.py") for f in doc["unmatched_files"])
    assert "not on the roster" in graded["run"].stdout and "zz_stranger" in graded["run"].stdout


def test_hidden_tests_get_a_seed_per_student(graded: dict[str, Any]) -> None:
    seeds = [r["seed"] for r in _results(graded).values()]
    assert len(set(seeds)) == len(seeds)


def test_feedback_withholds_hidden_details(graded: dict[str, Any]) -> None:
    results = _results(graded)
    folder = graded["out"] / "feedback"
    assert len(list(folder.glob("*.md"))) == len(graded["doc"]["students"])
    mistake = next(p for p in graded["planted"] if p.kind == "mistake" and p.exercise == "ex1")
    text = (folder / f"{mistake.student}.md").read_text()
    assert mistake.mistake in text and "(hidden)" in text
    result = results[(mistake.student, "ex1")]
    hidden_failed = [t for t in result["tests"] if t["visibility"] == "hidden"
                     and t["status"] != "passed"]
    visible_failed = [t for t in result["tests"] if t["visibility"] == "visible"
                      and t["status"] != "passed" and t.get("details")]
    assert hidden_failed and all("details" not in t for t in hidden_failed)
    for test in visible_failed:  # visible failures show their inputs
        assert f"**{test['name']}**" in text
    for test in hidden_failed:
        assert f"**{test['name']}**" not in text


def test_junit_xml_parses_and_counts(graded: dict[str, Any]) -> None:
    root = ET.parse(graded["out"] / "junit.xml").getroot()
    suites = root.findall("testsuite")
    assert len(suites) == len(graded["doc"]["students"]) * 3
    assert int(root.get("tests", "0")) == sum(len(s.findall("testcase")) for s in suites)


def test_similar_pairs_are_reported(graded: dict[str, Any]) -> None:
    pairs = graded["doc"]["similar"]
    assert pairs, "students given the same fixture file must be paired"
    assert all(p["ratio"] >= 0.95 for p in pairs)
    # The stranger's mse_vectorised.py is the reference's mse, names and messages aside.
    flagged = {(m["student"], m["exercise"]) for m in graded["doc"]["matches_reference"]}
    assert ("zz_stranger", "ex1") in flagged
    assert "matches the pack's reference solution" in graded["run"].stdout


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="Linux /proc only")
def test_the_benchmark_measures_the_grader_processes() -> None:
    # A stand-in for a grading worker: its command line carries the worker's module name.
    child = subprocess.Popen([sys.executable, "-c", "import sys, time; sys.stdin.read()",
                              "lossdrill.workers.child"], stdin=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        sample = BENCH._sample(os.getpid())
        while not sample.worker_hwm and time.monotonic() < deadline:
            time.sleep(0.05)
            sample = BENCH._sample(os.getpid())
    finally:
        child.communicate(b"")
    assert 0 < sample.grader_pss <= sample.grader_rss <= sample.tree_rss
    assert sample.worker_hwm >= sample.grader_rss and sample.supervisor_hwm == 0


def _outputs(out: Path) -> dict[str, str]:
    """Every output's text; in results.json, what a second run changes (when, and that the
    results came from the cache) left out."""
    found = {str(p.relative_to(out)): p.read_text() for p in sorted(out.rglob("*"))
             if p.is_file() and ".lossdrill" not in p.parts}
    found["results.json"] = re.sub(r'"graded_at": "[^"]*"|"cached": (true|false)', "",
                                   found["results.json"])
    if "report.html" in found:  # the page says when it was made, to the minute
        found["report.html"] = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "",
                                      found["report.html"])
    return found


def test_rerun_takes_everything_from_the_cache_and_writes_the_same(graded: dict[str, Any]
                                                                   ) -> None:
    root = graded["root"]
    before = _outputs(graded["out"])
    run = lossdrill("grade", str(root / "submissions"), "--out", str(graded["out"]),
                    "--roster", str(root / "submissions-roster.csv"), "--exercises",
                    "ex1,ex2,ex3", "--secret", SECRET, "--timeout", TIMEOUT, "--similar")
    assert run.returncode == 0, run.stderr
    assert " 0 checks graded" in run.stdout
    after = _outputs(graded["out"])
    assert list(after) == list(before)
    for name, text in before.items():
        assert after[name] == text, name
    # The terminal summary too, up to its count of checks graded and cached.
    assert run.stdout.split(" students, ")[0] == graded["run"].stdout.split(" students, ")[0]


def _small_class(root: Path, students: int) -> Path:
    subs = root / "subs"
    sources = sorted((REPO / "tests/learners/ex1").glob("*.py"))
    for i in range(students):
        (subs / f"st{i:02d}").mkdir(parents=True)
        shutil.copy(sources[i % len(sources)], subs / f"st{i:02d}" / "ex1.py")
    return subs


def _cached(out: Path) -> int:
    return len(list((out / ".lossdrill" / "cache").glob("*/*.json")))


def test_interrupted_run_finishes_from_the_cache(tmp_path: Path) -> None:
    subs = _small_class(tmp_path, 24)
    # Each file takes a quarter of a second to import, so the interrupt after the fourth
    # cached check lands mid-run however fast the machine grades.
    for file in subs.glob("*/ex1.py"):
        file.write_text("import time\ntime.sleep(0.25)\n" + file.read_text())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "lossdrill", "grade", str(subs), "--out", str(out),
               "--secret", SECRET, "--jobs", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _cached(out) < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "run the same command again" in err
    assert not (out / "grades.csv").exists() and not (out / "results.json").exists()
    done = _cached(out)
    assert 4 <= done < 24
    assert not list(out.rglob("*.tmp")), "a half-written file was left behind"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{24 - done} checks graded, {done} from the cache" in rerun.stdout
    assert len((out / "grades.csv").read_text().splitlines()) == 25


def _two_students(root: Path) -> Path:
    """ann and ben, an ex1 and an ex2 each."""
    subs = root / "subs"
    for student, files in {"ann": ("ex1/mse_pure.py", "ex2/bce_dot.py"),
                           "ben": ("ex1/mistake_extra-half.py", "ex2/bce_loops.py")}.items():
        (subs / student).mkdir(parents=True)
        for name in files:
            shutil.copy(REPO / "tests/learners" / name,
                        subs / student / f"{Path(name).parent.name}.py")
    return subs


def test_changing_one_spec_regrades_only_that_exercise(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(REPO / "exercises", pack / "exercises",
                    ignore=lambda d, names: [n for n in names if not n.startswith(("ex1_",
                                                                                   "ex2_"))])
    shutil.copytree(REPO / "solutions", pack / "solutions")
    subs = _two_students(tmp_path)
    args = ("grade", str(subs), "--out", str(tmp_path / "out"), "--secret", SECRET,
            "--pack", str(pack))
    first = lossdrill(*args)
    assert first.returncode == 0, first.stderr
    assert "4 checks graded, 0 from the cache" in first.stdout
    spec = pack / "exercises" / "ex1_mse.yaml"
    spec.write_text(spec.read_text() + "\n# edited: any change to the spec regrades it\n")
    second = lossdrill(*args)
    assert second.returncode == 0, second.stderr
    assert "2 checks graded, 2 from the cache" in second.stdout


def test_regrading_fewer_exercises_keeps_the_others_or_says_what_it_left_out(tmp_path: Path
                                                                             ) -> None:
    subs = _two_students(tmp_path)
    out = tmp_path / "out"
    args = ("grade", str(subs), "--out", str(out), "--secret", SECRET)
    first = lossdrill(*args, "--exercises", "ex1,ex2")
    assert first.returncode == 0, first.stderr
    gradebook = (out / "grades.csv").read_text()
    assert gradebook.splitlines()[0] == "student,name,ex1,ex2,total"
    # Only ex1 this time: ex2's column comes back from the cache, the same as before.
    second = lossdrill(*args, "--exercises", "ex1")
    assert second.returncode == 0, second.stderr
    assert "2 checks graded" not in second.stdout and "4 from the cache" in second.stdout
    assert (out / "grades.csv").read_text() == gradebook
    assert "kept from the earlier grading in this folder (from the cache): 1" in second.stdout
    doc = json.loads((out / "results.json").read_text())
    assert [e["id"] for e in doc["exercises"]] == ["ex1", "ex2"]
    assert doc["kept_from_earlier"] == ["ex2"] and doc["left_out_of_earlier"] == []
    # A changed ex2 file cannot come from the cache: ex2 is left out, and the summary says so.
    (subs / "ann" / "ex2.py").write_text((REPO / "tests/learners/ex2/bce_loops.py").read_text()
                                         + "\n# edited\n")
    third = lossdrill(*args, "--exercises", "ex1")
    assert third.returncode == 0, third.stderr
    assert "left out of the earlier grading in this folder" in third.stdout
    assert "ex2: 1 of its checks are not in the cache" in third.stdout
    assert (out / "grades.csv").read_text().splitlines()[0] == "student,name,ex1,total"


def test_notebooks_are_graded_and_a_broken_one_is_the_students_problem(tmp_path: Path
                                                                       ) -> None:
    notebooks = REPO / "tests" / "notebooks"
    subs = tmp_path / "subs"
    for student, name, target in (("ann", "ex1_mse.ipynb", "ex1.ipynb"),
                                  ("bob", "sum_not_mean.ipynb", "homework.ipynb"),
                                  ("cy", "not_json.ipynb", "ex1.ipynb")):
        (subs / student).mkdir(parents=True)
        shutil.copy(notebooks / name, subs / student / target)
    run = lossdrill("grade", str(subs), "--out", str(tmp_path / "out"), "--secret", SECRET)
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "out" / "results.json").read_text())
    got = {s["id"]: s["exercises"]["ex1"] for s in doc["students"]}
    assert got["ann"]["status"] == "passed"
    assert [d["id"] for d in got["bob"]["diagnoses"]] == ["sum-instead-of-mean"]
    assert got["cy"]["status"] == "error" and got["cy"]["score"] == 0
    assert got["cy"]["diagnoses"][0]["id"] == "unreadable-file"


@pytest.mark.parametrize(("args", "message"), [
    (["grade", "{tmp}/nope"], "no such folder of submissions"),
    (["grade", "{subs}", "--out", "{subs}/out"], "inside the submissions folder"),
    (["grade", "{subs}", "--roster", "{tmp}/missing.csv"], "no such roster file"),
    (["grade", "{subs}", "--roster", "{tmp}/bad.csv"], "no id column"),
    (["grade", "{subs}", "--roster", "{tmp}/twice.csv"], "listed twice"),
    (["grade", "{subs}", "--exercises", "ex1,ex99"], "--exercises: unknown exercise 'ex99'"),
    (["grade", "{subs}", "--exercises", ","], "--exercises"),
    (["grade", "{subs}", "--secret", "short"], "--secret: the course secret must have"),
    (["grade", "{subs}", "--memory", "lots"], "--memory 'lots'"),
    (["grade", "{subs}", "--out", "{tmp}/full"], "not empty and not a previous grading"),
    (["grade", "{tmp}/strangers"], "no submission names an exercise"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path: Path, args: list[str],
                                                          message: str) -> None:
    subs = _small_class(tmp_path, 1)
    (tmp_path / "bad.csv").write_text("foo,bar\n1,2\n")
    (tmp_path / "twice.csv").write_text("id,name\na,A\nb,B\nA,A again\n")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "thesis.tex").write_text("precious")
    (tmp_path / "strangers" / "x").mkdir(parents=True)
    (tmp_path / "strangers" / "x" / "notes.py").write_text("x = 1\n")
    argv = [a.format(tmp=tmp_path, subs=subs) for a in args]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "out")]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    run = lossdrill(*argv, cwd=tmp_path)
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
