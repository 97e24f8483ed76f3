"""`lossdrill grade`: run a plan's checks — from the cache where it has them, on the worker
pool otherwise — and turn what cannot be graded into results a student can read.

Each check keeps only its CheckSummary (checksummary.py) while the class is graded;
`full_result` reads its whole result back, from the cache, when its student's outputs are
written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from lossdrill.classroom.cache import ResultCache
from lossdrill.classroom.checksummary import CheckSummary
from lossdrill.classroom.plan import Check, Plan, label
from lossdrill.errors import LossdrillError
from lossdrill.escape import visible
from lossdrill.grading.results import (
    CheckResult,
    CheckStatus,
    Diagnosis,
    TestResult,
    TestStatus,
    result_from_data,
)
from lossdrill.safefile import renamed
from lossdrill.service.session import MAX_RESTARTS
from lossdrill.spec.model import Exercise
from lossdrill.workers.messages import Failure, GradeRequest, Trouble
from lossdrill.workers.pool import Done, Pool, Runner

# Wall-clock seconds one check may take, beyond its per-call limits: the import, one timeout
# per function (a function that timed out is not called again), the restarts, and slack.
BUDGET_SLACK = 30.0


@dataclass
class Limits:
    timeout: float | None  # per call; None: each exercise's own
    memory: int
    jobs: int


@dataclass
class RunStats:
    graded: int = 0
    from_cache: int = 0
    missing: int = 0
    refused: int = 0  # files that were never graded: not regular files, too large, …
    grader_errors: list[str] = field(default_factory=list)


def budget(exercise: Exercise, timeout: float | None) -> float:
    per_call = timeout or exercise.timeout
    return BUDGET_SLACK + per_call * (len(exercise.functions) + MAX_RESTARTS + 2)


def unavailable(exercise: Exercise, file: str, status: CheckStatus, diagnosis: Diagnosis,
                seed: int) -> CheckResult:
    """A result for work that could not be run: every test skipped with the reason."""
    tests = [TestResult(t.name, t.kind, t.visibility, TestStatus.SKIPPED, 0.0, t.points,
                        f"not run: {diagnosis.message}") for t in exercise.tests]
    return CheckResult(exercise.id, exercise.slug, exercise.title, file, status, 0.0,
                       exercise.max_score, seed, tests, [diagnosis], "", 0.0)


def missing_result(check: Check) -> CheckResult:
    return unavailable(check.exercise, "", CheckStatus.MISSING, Diagnosis(
        "no-submission", f"No file for {check.exercise.id} ({check.exercise.slug}) was found "
        "in this submission."), check.seed)


def refused_result(check: Check, submissions: Path) -> CheckResult:
    """The result of a file the plan would not hand to a grader (check.problem says why)."""
    assert check.path is not None
    return unavailable(check.exercise, label(check.path, submissions), CheckStatus.ERROR,
                       Diagnosis("unreadable-file", check.problem), check.seed)


def run_plan(plan: Plan, cache: ResultCache, limits: Limits, submissions: Path,
             log: IO[bytes] | None = None,
             on_progress: Callable[[int, str], None] | None = None,
             pool: Runner | None = None) -> RunStats:
    """Give every check its summary. ``on_progress(total, label)``: total first with an empty
    label, then once per finished check. ``pool``: where the checks run (a Dask cluster's);
    None for a local pool of ``limits.jobs`` workers."""
    stats = RunStats()
    jobs = []
    by_key: dict[str, list[Check]] = {}
    # Other students' work and the results stay unreadable to this one's code.
    deny = (str(submissions.resolve()), str(cache.folder.resolve()))
    # What every job of an exercise shares, built once: a class's jobs wait in one queue.
    common = {ex.id: GradeRequest(
        file="", exercise=ex.id, exercises=str(ex.path.parent),
        solutions=str(ex.solution_path.parent), label="", timeout=limits.timeout,
        memory=limits.memory, budget=budget(ex, limits.timeout), deny=deny,
    ) for ex in plan.exercises}
    for check in plan.checks:
        if check.path is None:
            check.summary = CheckSummary.of(missing_result(check))
            stats.missing += 1
            continue
        if check.problem:
            check.summary = CheckSummary.of(refused_result(check, submissions))
            stats.refused += 1
            continue
        cached = cache.get(check.key)
        if cached is not None:
            check.summary, check.cached = CheckSummary.of(cached), True
            stats.from_cache += 1
            continue
        if check.key not in by_key:  # a group's shared file is graded once
            jobs.append(replace(common[check.exercise.id], key=check.key,
                                file=str(check.path.resolve()),
                                label=label(check.path, submissions), seed=check.seed))
        by_key.setdefault(check.key, []).append(check)
    if on_progress:
        on_progress(len(jobs), "")

    def finished(done: Done) -> None:
        job = done.job
        checks = by_key[job.key]
        first = checks[0]
        held = None
        if done.result is not None:
            result = result_from_data(done.result)
            cache.put(first.key, done.result)  # the data as it came: no second conversion
        else:
            failure = done.failure or Failure(Trouble.GRADER, "the grader process sent an "
                                              "answer with neither a result nor an error")
            result, held = _failed(first, job, failure, cache, stats)
        summary = CheckSummary.of(result)
        for check in checks:
            check.summary, check.held = summary, held
        stats.graded += 1
        if on_progress:
            on_progress(0, f"{visible(first.student, one_line=True)} {first.exercise.id}: "
                        f"{result.score:g}/{result.max_score:g}")

    if jobs:
        (pool or Pool(limits.jobs, log)).run(jobs, finished)
    return stats


def _failed(first: Check, job: GradeRequest, failure: Failure, cache: ResultCache,
            stats: RunStats) -> tuple[CheckResult, CheckResult | None]:
    """The result of a check whose grading failed, and whether it is held (never cached)."""
    if failure.trouble in (Trouble.BUDGET, Trouble.DIED, Trouble.LEARNER):
        learners = failure.trouble is Trouble.LEARNER
        # The learner's file is named as the class's folder names it, not as the grader does.
        error = renamed(failure.message, job.file, job.label) if learners else failure.message
        result = unavailable(first.exercise, job.label, CheckStatus.ERROR, Diagnosis(
            "unreadable-file" if learners else "grading-stopped", error), first.seed)
        if failure.trouble is Trouble.DIED:  # a death may be the machine's: try next run
            return result, result
        cache.put(first.key, result)
        return result, None
    stats.grader_errors.append(f"{visible(job.label, one_line=True)}: "
                               f"{visible(failure.message, one_line=True)}")
    result = unavailable(first.exercise, job.label, CheckStatus.ERROR,
                         Diagnosis("grader-error", failure.message), first.seed)
    return result, result


def full_result(check: Check, cache: ResultCache, submissions: Path) -> CheckResult:
    """A graded check's whole result, for its student's outputs: rebuilt for missing work,
    as held for a result never cached, else read back from the cache."""
    if check.path is None:
        return missing_result(check)
    if check.problem:
        return refused_result(check, submissions)
    if check.held is not None:
        return check.held
    result = cache.read(check.key)
    if result is None:
        raise LossdrillError(f"{cache.folder}: the result of "
                             f"{visible(check.student, one_line=True)}'s "
                             f"{check.exercise.id} is no longer in the cache (was it removed "
                             "during the run?); run the same command again")
    # Kept by the file's content: the same file may have had another name when it was graded.
    result.file = label(check.path, submissions)
    return result
