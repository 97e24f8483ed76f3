"""`lossdrill grade` from checked inputs to files and a summary: plan, grade (cache first),
write, report. Returns the exit code."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lossdrill.classroom.cache import ResultCache
from lossdrill.classroom.grade import Limits, full_result, run_plan
from lossdrill.classroom.outputs import write_outputs
from lossdrill.classroom.plan import add_checks, make_plan
from lossdrill.classroom.progressbar import GradeProgress
from lossdrill.classroom.regrade import carry_over, keep_cached, previous_exercises
from lossdrill.classroom.roster import Entry
from lossdrill.classroom.seeds import keep_secret
from lossdrill.classroom.similar import Similarity, find_similar
from lossdrill.classroom.summary import render_summary
from lossdrill.render.terminal import make_console
from lossdrill.spec.catalog import Catalog
from lossdrill.spec.starter import starter_source

if TYPE_CHECKING:
    from lossdrill.workers.cluster import DaskPool

EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class GradeRequest:
    submissions: Path
    out: Path
    exercises: list[str] | None
    roster: list[Entry] | None
    secret: str
    secret_source: str
    jobs: int
    timeout: float | None
    memory: int
    similar: bool
    threshold: float
    fresh: bool
    dask: str | None = None  # a Dask scheduler's address, or local:N; None: the local pool


def grade_class(catalog: Catalog, request: GradeRequest) -> int:
    if request.dask is None:
        return _grade_class(catalog, request, None)
    from lossdrill.workers.cluster import DaskPool

    # Connected (or started) before anything is written: an unreachable scheduler is one line
    # and exit code 2, with nothing left behind.
    pool = DaskPool(request.dask)
    try:
        return _grade_class(catalog, request, pool)
    finally:
        pool.close()


def _grade_class(catalog: Catalog, request: GradeRequest, pool: DaskPool | None) -> int:
    plan = make_plan(catalog, request.submissions, request.exercises, request.roster)
    previous = previous_exercises(request.out)
    added = carry_over(plan, catalog, previous)
    add_checks(plan, request.secret, request.timeout, request.memory)
    state = request.out / ".lossdrill"
    state.mkdir(parents=True, exist_ok=True)
    if request.secret_source == "new":
        kept = keep_secret(request.secret, state)
        make_console(stderr=True).print(f"A new course secret is kept in {kept}: keep it (or "
                                        "pass it with --secret) to regrade with the same hidden "
                                        "vectors.", highlight=False, markup=False)
    cache = ResultCache(state / "cache", enabled=not request.fresh)
    keep_cached(plan, previous, added, cache)
    limits = Limits(request.timeout, request.memory, request.jobs)
    errors = make_console(stderr=True)
    try:
        with _sigterm_interrupts(), open(state / "workers.log", "ab") as log, \
                GradeProgress() as progress:
            if pool is not None:
                pool.log_to(log)
            stats = run_plan(plan, cache, limits, request.submissions, log, progress, pool)
    except KeyboardInterrupt:
        done = sum(1 for c in plan.checks if c.summary is not None and c.path is not None)
        errors.print(f"lossdrill: interrupted: {done} checks are in the cache; run the same "
                     "command again to grade the rest (nothing else was written)",
                     highlight=False, markup=False)
        return EXIT_INTERRUPTED
    if stats.grader_errors:
        errors.print(f"lossdrill: error: {len(stats.grader_errors)} check(s) could not be "
                     f"graded, first: {stats.grader_errors[0]} — fix it and run again (finished "
                     "checks are cached; see .lossdrill/workers.log)", highlight=False,
                     markup=False)
        return 2
    similar = Similarity()
    if request.similar:
        files: dict[str, dict[str, Path]] = {}
        for check in plan.checks:
            if check.path is not None and not check.problem:  # never a pipe or a giant
                files.setdefault(check.exercise.id, {})[check.student] = check.path
        similar = find_similar(files, {e.id: starter_source(e) for e in plan.exercises},
                               {e.id: e.solution_path for e in plan.exercises},
                               request.threshold)
    written = write_outputs(request.out, plan, similar, request.secret_source,
                            lambda check: full_result(check, cache, request.submissions))
    render_summary(make_console(), plan, stats, similar, written)
    return 0


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops a run as Ctrl-C does: workers closed, the cache kept."""
    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
