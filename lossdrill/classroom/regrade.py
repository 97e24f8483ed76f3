"""Grading again into an OUT/ that holds an earlier run's outputs, with fewer exercises: the
exercises of the earlier gradebook that this run does not grade keep their columns, rebuilt
from the cache, so regrading one exercise after fixing its spec does not silently empty the
others. An exercise that cannot be rebuilt whole (a submission or its spec changed since, the
limits differ, or `--fresh` asks for no cache) is left out, and the summary says so and how
to grade it again.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lossdrill.classroom.cache import ResultCache
from lossdrill.classroom.plan import Plan
from lossdrill.errors import UsageError
from lossdrill.safefile import NotAFile, read_head
from lossdrill.spec.catalog import Catalog
from lossdrill.spec.model import Exercise

# The gradebook's first line: `student,name,ex1,…,total`.
_FIXED = ("student", "name", "total")


def previous_exercises(out: Path) -> list[str]:
    """The exercise columns of the gradebook an earlier run left in ``out``."""
    try:
        head = read_head(out / "grades.csv", size=64 * 1024).decode("utf-8", "replace")
    except (NotAFile, OSError):
        return []
    first = next(csv.reader(io.StringIO(head.partition("\n")[0])), [])
    return [column for column in first if column not in _FIXED]


def carry_over(plan: Plan, catalog: Catalog, previous: list[str]) -> list[str]:
    """Add to ``plan`` the earlier exercises it lacks; return their ids. Their checks are
    made by add_checks with the others; keep_cached then decides which stay."""
    have = {ex.id for ex in plan.exercises}
    added = []
    for ident in previous:
        if ident in have:
            continue
        try:
            plan.exercises.append(catalog.get(ident))
        except UsageError:
            continue  # no longer in the pack: keep_cached reports it
        added.append(ident)
        have.add(ident)
    if added:
        plan.exercises.sort(key=_order)
    return added


def _order(exercise: Exercise) -> tuple[int, str]:
    digits = exercise.id[2:]
    return (int(digits) if digits.isdigit() else 10**6, exercise.id)


def keep_cached(plan: Plan, previous: list[str], added: list[str], cache: ResultCache) -> None:
    """Keep the added exercises whose every gradable check is in the cache (plan.kept); take
    the others, and their checks, out of ``plan`` (plan.dropped says why)."""
    known = {ex.id for ex in plan.exercises}
    plan.dropped += [f"{i}: no longer in the pack" for i in previous
                     if i not in known and i not in added]
    for ident in added:
        checks = [c for c in plan.checks if c.exercise.id == ident]
        missing = sum(1 for c in checks
                      if c.path is not None and not c.problem and not cache.has(c.key))
        if not cache.enabled:
            plan.dropped.append(f"{ident}: --fresh reads nothing from the cache")
        elif missing:
            plan.dropped.append(f"{ident}: {missing} of its checks are not in the cache "
                                "(submissions, the spec or the limits changed)")
        else:
            plan.kept.append(ident)
            continue
        plan.exercises = [ex for ex in plan.exercises if ex.id != ident]
        plan.checks = [c for c in plan.checks if c.exercise.id != ident]
