"""Write a graded class to OUT/: grades.csv, results.json, feedback/<student>.md and junit.xml,
each atomically; feedback files of students no longer in the class are removed."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from lossdrill import __version__, export
from lossdrill.classroom.cache import plain
from lossdrill.classroom.feedback import student_feedback
from lossdrill.classroom.files import write_atomic, write_atomic_chunks
from lossdrill.classroom.plan import Plan
from lossdrill.classroom.similar import Pair
from lossdrill.results import CheckResult


def safe_name(student: str, taken: set[str]) -> str:
    """A file name for a student id: letters, digits, `.-_@`; made unique."""
    base = re.sub(r"[^A-Za-z0-9._@-]+", "_", student).strip("._") or "student"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name.lower())
    return name


def results_by_student(plan: Plan) -> dict[str, list[CheckResult]]:
    out: dict[str, list[CheckResult]] = {s.id: [] for s in plan.students}
    for check in plan.checks:
        assert check.result is not None
        out[check.student].append(check.result)
    return out


def result_document(result: CheckResult) -> dict[str, Any]:
    doc = result.to_dict(__version__)
    for entry, test in zip(doc["tests"], result.tests, strict=True):
        if not test.hidden and test.details:
            entry["details"] = test.details
        if test.curves:
            entry["curves"] = test.curves
    doc["notes"] = list(result.notes)
    return doc


def _student_document(student: Any, results: list[CheckResult],
                      checks: dict[tuple[str, str], Any], plan: Plan) -> dict[str, Any]:
    return {
        "id": student.id, "name": student.name, "source": student.source,
        "aliases": sorted(student.aliases), "on_roster": student.id in plan.on_roster,
        "total": sum(r.score for r in results),
        "max_total": sum(r.max_score for r in results),
        "ignored_files": student.ignored,
        "exercises": {r.exercise: {**result_document(r),
                                   "cached": checks[(student.id, r.exercise)].cached}
                      for r in results},
    }


def results_json_chunks(plan: Plan, similar: list[Pair], secret_source: str) -> Iterator[str]:
    """results.json, a student at a time: a class of thousands is never one string in memory."""
    per_student = results_by_student(plan)
    checks = {(c.student, c.exercise.id): c for c in plan.checks}

    def dump(value: Any) -> str:
        return json.dumps(value, indent=1, ensure_ascii=False, default=plain)

    head = {
        "lossdrill": __version__,
        "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "layout": plan.discovery.layout,
        "secret": secret_source,  # where the course secret came from, never the secret
        "exercises": [{"id": e.id, "slug": e.slug, "title": e.title, "max_score": e.max_score}
                      for e in plan.exercises],
    }
    tail = {
        "not_on_roster": plan.not_on_roster,
        "unmatched_files": [str(p) for p in plan.discovery.unmatched],
        "skipped": [str(p) for p in plan.discovery.skipped],
        "similar": [asdict(p) for p in similar],
    }
    yield dump(head)[:-2] + ',\n "students": ['
    for i, student in enumerate(plan.students):
        document = _student_document(student, per_student[student.id], checks, plan)
        yield ("," if i else "") + "\n" + dump(document)
    yield "\n],\n" + dump(tail)[2:]


def write_outputs(out: Path, plan: Plan, similar: list[Pair], secret_source: str
                  ) -> list[Path]:
    per_student = results_by_student(plan)
    names = {s.id: s.name for s in plan.students}
    ids = [e.id for e in plan.exercises]
    rows = [{"student": s.id, "name": s.name,
             "scores": {r.exercise: r.score for r in per_student[s.id]}} for s in plan.students]
    written = [out / "grades.csv", out / "results.json", out / "junit.xml"]
    write_atomic(written[0], export.gradebook_csv(ids, rows))
    write_atomic_chunks(written[1], results_json_chunks(plan, similar, secret_source))
    write_atomic(written[2], export.junit_xml(
        (f"{s.id} · {r.exercise}", r) for s in plan.students for r in per_student[s.id]))
    feedback = out / "feedback"
    taken: set[str] = set()
    kept = set()
    for student in plan.students:
        path = feedback / f"{safe_name(student.id, taken)}.md"
        write_atomic(path, student_feedback(student.id, names[student.id],
                                            per_student[student.id]), durable=False)
        kept.add(path.name)
    os.sync()  # one flush for the whole folder instead of one per student
    for stale in feedback.glob("*.md"):
        if stale.name not in kept:
            with contextlib.suppress(OSError):
                stale.unlink()
    written.append(feedback)
    return written
