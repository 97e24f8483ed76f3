"""`lossdrill grade` keeps its memory flat whatever the class size: while a class is graded
each check keeps a slim CheckSummary, and each student's full results are read back from the
cache only while that student's outputs are written. The outputs are the same whether the results
were graded in this run or came from the cache; results never cached (a grader that died)
are kept and written like the others; junit.xml written a student at a time is the document
export.junit_xml makes of the whole class.
"""

from __future__ import annotations

import gc
import re
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lossdrill.classroom import grade
from lossdrill.classroom.cache import ResultCache
from lossdrill.classroom.checksummary import CheckSummary
from lossdrill.classroom.grade import Limits, full_result, run_plan
from lossdrill.classroom.junit import junit_head, junit_suites, junit_tail
from lossdrill.classroom.outputs import write_outputs
from lossdrill.classroom.plan import Check, Plan, add_checks, make_plan
from lossdrill.classroom.similar import Similarity
from lossdrill.errors import LossdrillError
from lossdrill.grading import results
from lossdrill.grading.results import CheckResult, Diagnosis
from lossdrill.render import formats as export
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.workers.messages import Failure, GradeRequest, Trouble
from lossdrill.workers.pool import Done

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
CATALOG = Catalog(find_pack(REPO))
SECRET = "test-course-secret-0123"
EXERCISES = ["ex1", "ex2"]
# student → exercise → fixture; "ann" has no ex2, "dan" nothing at all (from the roster).
CLASS = {
    "ann": {"ex1": "ex1/mse_vectorised.py"},
    "bob": {"ex1": "ex1/mistake_sum-instead-of-mean.py", "ex2": "ex2/bce_dot.py"},
    "cy": {"ex1": "broken/syntax_error.py", "ex2": "ex2/bce_loops.py"},
}


def _make_class(root: Path) -> Path:
    subs = root / "subs"
    for student, files in CLASS.items():
        (subs / student).mkdir(parents=True)
        for exercise, fixture in files.items():
            text = (LEARNERS / fixture).read_text()
            (subs / student / f"{exercise}.py").write_text(
                re.sub(r"^# lossdrill: \w+", f"# lossdrill: {exercise}", text))
    return subs


def _plan(subs: Path) -> Plan:
    from lossdrill.classroom.roster import Entry

    roster = [Entry(s, s.title()) for s in (*CLASS, "dan")]
    plan = make_plan(CATALOG, subs, EXERCISES, roster)
    add_checks(plan, SECRET, 2.0, 1 << 30)
    return plan


def _live_results() -> int:
    gc.collect()
    return sum(isinstance(o, (CheckResult, results.TestResult)) for o in gc.get_objects())


def _outputs(out: Path) -> dict[str, str]:
    """Every output file's text; results.json without the parts a second run may change."""
    files = {str(p.relative_to(out)): p.read_text() for p in sorted(out.rglob("*"))
             if p.is_file() and ".lossdrill" not in p.parts}
    files["results.json"] = re.sub(r'"graded_at": "[^"]*"|"cached": (true|false)', "",
                                   files["results.json"])
    return files


def _write(out: Path, plan: Plan, cache: ResultCache, subs: Path,
           load: Callable[[Check], CheckResult] | None = None) -> None:
    write_outputs(out, plan, Similarity(), "test", load or (lambda c: full_result(c, cache, subs)))


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("outputs")
    subs = _make_class(root)
    cache = ResultCache(root / "cache")
    plan = _plan(subs)
    before = _live_results()
    stats = run_plan(plan, cache, Limits(2.0, 1 << 30, 2), subs)
    after = _live_results()
    return {"root": root, "subs": subs, "cache": cache, "plan": plan, "stats": stats,
            "live": (before, after)}


def test_checks_keep_summaries_not_full_results(graded: dict[str, Any]) -> None:
    plan, stats = graded["plan"], graded["stats"]
    assert (stats.graded, stats.missing, stats.from_cache) == (5, 3, 0)
    assert all(isinstance(c.summary, CheckSummary) and c.held is None for c in plan.checks)
    before, after = graded["live"]
    assert after <= before, "the supervisor kept full results after grading"
    bob = next(c for c in plan.checks if (c.student, c.exercise.id) == ("bob", "ex1"))
    assert bob.summary is not None and "sum-instead-of-mean" in bob.summary.diagnoses
    assert bob.summary.tests == len(bob.exercise.tests) > bob.summary.failures > 0


def test_outputs_hold_one_students_results_at_a_time(graded: dict[str, Any],
                                                     tmp_path: Path) -> None:
    loaded: list[weakref.ref[CheckResult]] = []
    most = 0

    def load(check: Check) -> CheckResult:
        nonlocal most
        gc.collect()
        most = max(most, sum(ref() is not None for ref in loaded))
        result = full_result(check, graded["cache"], graded["subs"])
        loaded.append(weakref.ref(result))
        return result

    _write(tmp_path / "out", graded["plan"], graded["cache"], graded["subs"], load)
    # Loading a student's last result, the previous student's results are all gone.
    assert most == len(EXERCISES) - 1
    assert (tmp_path / "out" / "feedback" / "dan.md").exists()


def test_outputs_are_the_same_when_results_come_from_the_cache(graded: dict[str, Any],
                                                               tmp_path: Path) -> None:
    _write(tmp_path / "first", graded["plan"], graded["cache"], graded["subs"])
    again = _plan(graded["subs"])
    stats = run_plan(again, graded["cache"], Limits(2.0, 1 << 30, 2), graded["subs"])
    assert (stats.graded, stats.from_cache) == (0, 5)
    _write(tmp_path / "second", again, graded["cache"], graded["subs"])
    first, second = _outputs(tmp_path / "first"), _outputs(tmp_path / "second")
    assert list(first) == list(second)
    for name, text in first.items():
        assert second[name] == text, name


def test_results_are_read_back_even_with_fresh(graded: dict[str, Any], tmp_path: Path
                                                ) -> None:
    shutil.copytree(graded["cache"].folder, tmp_path / "cache")
    fresh = ResultCache(tmp_path / "cache", enabled=False)
    check = next(c for c in graded["plan"].checks if c.path is not None)
    assert fresh.get(check.key) is None  # --fresh: an earlier run's results are not used
    assert full_result(check, fresh, graded["subs"]).file == f"{check.student}/ex1.py"


def test_a_result_gone_from_the_cache_is_a_one_line_error(graded: dict[str, Any],
                                                          tmp_path: Path) -> None:
    shutil.copytree(graded["cache"].folder, tmp_path / "cache")
    cache = ResultCache(tmp_path / "cache")
    check = next(c for c in graded["plan"].checks if c.path is not None)
    for path in (tmp_path / "cache").rglob(f"{check.key}.json"):
        path.unlink()
    with pytest.raises(LossdrillError, match="no longer in the cache.*run the same command"):
        full_result(check, cache, graded["subs"])


class _DyingPool:
    """A pool whose every grader dies: what the supervisor does with results it cannot
    cache, without the processes."""

    def __init__(self, size: int, log: Any = None) -> None:
        pass

    def run(self, jobs: list[GradeRequest], on_done: Callable[[Done], None]) -> None:
        for job in jobs:
            on_done(Done(job, failure=Failure(Trouble.DIED,
                                              "the grader process grading this file died")))


def test_results_never_cached_are_held_and_written(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    subs = _make_class(tmp_path)
    cache = ResultCache(tmp_path / "cache")
    plan = _plan(subs)
    monkeypatch.setattr(grade, "Pool", _DyingPool)
    run_plan(plan, cache, Limits(2.0, 1 << 30, 2), subs)
    assert not list((tmp_path / "cache").rglob("*.json")), "a death is graded again next run"
    died = [c for c in plan.checks if c.path is not None]
    assert all(c.held is not None and c.summary is not None
               and c.summary.diagnoses == ("grading-stopped",) for c in died)
    _write(tmp_path / "out", plan, cache, subs)
    text = (tmp_path / "out" / "feedback" / "bob.md").read_text()
    assert "grading-stopped" in text and "File: `bob/ex2.py`" in text


def _result(exercise: str, statuses: list[str], duration: float, output: str = ""
            ) -> CheckResult:
    tests = [results.TestResult(f"test {i} <&>", "value", ("visible", "hidden")[i % 2], status,
                        float(status == "passed"), 1.0, f"message {i}\nsecond line",
                        {"expected": "1.0"}) for i, status in enumerate(statuses)]
    return CheckResult(exercise, "slug", "Title", f"{exercise}.py", "failed",
                       sum(t.score for t in tests), len(tests), 7, tests,
                       [Diagnosis("some-id", "a \"quoted\" message")], output, duration)


def test_junit_written_a_student_at_a_time_is_export_junit_xml() -> None:
    students = {
        "ann": [_result("ex1", ["passed", "failed", "error"], 0.1234, "printed\n"),
                _result("ex2", ["skipped", "skipped"], 0.0)],
        "bob · x": [_result("ex1", ["passed"], 1.0000005)],
        "cy": [_result("ex1", [], 0.3), _result("ex2", ["failed"] * 3, 2.7182818)],
    }
    suites = {s: [(f"{s} · {r.exercise}", r) for r in results]
              for s, results in students.items()}
    summaries = [CheckSummary.of(r) for results in students.values() for r in results]
    streamed = junit_head(summaries) + "".join(junit_suites(s) for s in suites.values()) \
        + junit_tail(summaries)
    assert streamed == export.junit_xml([pair for s in suites.values() for pair in s])
    assert junit_head([]) + junit_tail([]) == export.junit_xml([])
