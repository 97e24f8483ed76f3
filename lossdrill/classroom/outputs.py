"""Write a graded class to OUT/: grades.csv, results.json, feedback/<student>.md, junit.xml
and report.html (report.py), each atomically; feedback files of students no longer in the
class are removed.

Students name their folders and files, rosters their names, and their code its output and
exceptions: all of it is data, made inert for each format by lossdrill.escape (cells that
cannot start a formula, JSON that is valid UTF-8, XML without what XML forbids)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from lossdrill import __version__, escape
from lossdrill.classroom.cache import plain
from lossdrill.classroom.checksummary import CheckSummary
from lossdrill.classroom.feedback import student_feedback
from lossdrill.classroom.files import atomic_text, write_atomic
from lossdrill.classroom.junit import junit_head, junit_suites, junit_tail
from lossdrill.classroom.layout import Student
from lossdrill.classroom.plan import Check, Plan, merged_folders
from lossdrill.classroom.report import ClassReport, write_report
from lossdrill.classroom.similar import Similarity
from lossdrill.grading.results import CheckResult
from lossdrill.render import formats as export


def safe_name(student: str, taken: set[str]) -> str:
    """A file name for a student id: letters, digits, `.-_@`; made unique."""
    base = re.sub(r"[^A-Za-z0-9._@-]+", "_", student).strip("._") or "student"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name.lower())
    return name


def _gradebook_cell(text: str) -> str:
    """A name as a spreadsheet cell: on one line (an LMS import reads a row per line), never
    a formula."""
    return escape.csv_cell(escape.visible(text, one_line=True))


def checks_by_student(plan: Plan) -> dict[str, list[Check]]:
    out: dict[str, list[Check]] = {s.id: [] for s in plan.students}
    for check in plan.checks:
        out[check.student].append(check)
    return out


def _graded(check: Check) -> CheckSummary:
    assert check.summary is not None, "every check is graded before the outputs are written"
    return check.summary


def result_document(result: CheckResult) -> dict[str, Any]:
    doc = result.to_dict(__version__)
    for entry, test in zip(doc["tests"], result.tests, strict=True):
        if test.details:  # (none for a hidden test: grading gave it none)
            entry["details"] = test.details
        if test.curves:
            entry["curves"] = test.curves
    doc["notes"] = list(result.notes)
    return doc


def _student_document(student: Student, checks: list[Check], results: list[CheckResult],
                      plan: Plan) -> dict[str, Any]:
    return {
        "id": student.id, "name": student.name, "source": student.source,
        "aliases": sorted(student.aliases), "on_roster": student.id in plan.on_roster,
        "total": sum(r.score for r in results),
        "max_total": sum(r.max_score for r in results),
        "ignored_files": student.ignored,
        "exercises": {r.exercise: {**result_document(r), "cached": check.cached}
                      for check, r in zip(checks, results, strict=True)},
    }


def _dump(value: Any) -> str:
    # Valid UTF-8 whatever a name holds: its lone surrogates shown as escapes (`\xe9`).
    return json.dumps(escape.deep(value, escape.utf8), indent=1, ensure_ascii=False,
                      default=plain)


def results_json_head(plan: Plan, secret_source: str) -> str:
    """results.json up to its first student: the document is written a student at a time."""
    head = {
        "lossdrill": __version__,
        "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "layout": plan.discovery.layout,
        "secret": secret_source,  # where the course secret came from, never the secret
        "exercises": [{"id": e.id, "slug": e.slug, "title": e.title, "max_score": e.max_score}
                      for e in plan.exercises],
    }
    return _dump(head)[:-2] + ',\n "students": ['


def results_json_tail(plan: Plan, similar: Similarity) -> str:
    tail = {
        "not_on_roster": plan.not_on_roster,
        "unmatched_files": [str(p) for p in plan.discovery.unmatched],
        "skipped": [str(p) for p in plan.discovery.skipped],
        "merged_folders": merged_folders(plan.students),
        "kept_from_earlier": plan.kept,
        "left_out_of_earlier": plan.dropped,
        "similar": [asdict(p) for p in similar.pairs],
        "matches_reference": [asdict(m) for m in similar.references],
    }
    return "\n],\n" + _dump(tail)[2:]


def _student_outputs(student: Student, checks: list[Check], results: list[CheckResult],
                     plan: Plan) -> tuple[str, str, str]:
    """A student's results.json entry, junit.xml suites and feedback."""
    return (_dump(_student_document(student, checks, results, plan)),
            # Drawn by export.junit_xml; escape.xml again over the result (it leaves markup
            # alone), so a character XML forbids can never make the class's document unreadable.
            escape.xml(junit_suites([(f"{escape.visible(student.id, one_line=True)} · "
                                       f"{r.exercise}", r) for r in results])),
            student_feedback(student.id, student.name, results))


def write_outputs(out: Path, plan: Plan, similar: Similarity, secret_source: str,
                  load: Callable[[Check], CheckResult]) -> list[Path]:
    """Write every output; ``load`` gives a check's full result. The gradebook needs only
    the checks' summaries; the rest is written a student at a time (their full results are
    loaded, written out, counted into the class report, and freed before the next student's
    are), so one student's full results at most are in memory, whatever the size of the
    class."""
    per_student = checks_by_student(plan)
    rows = [{"student": _gradebook_cell(s.id), "name": _gradebook_cell(s.name),
             "scores": {c.exercise.id: _graded(c).score for c in per_student[s.id]}}
            for s in plan.students]
    summaries = [_graded(c) for c in plan.checks]
    written = [out / "grades.csv", out / "results.json", out / "junit.xml", out / "report.html"]
    write_atomic(written[0], export.gradebook_csv([e.id for e in plan.exercises], rows))
    feedback = out / "feedback"
    taken: set[str] = set()
    kept = set()
    report = ClassReport(plan.exercises)
    strangers = set(plan.not_on_roster)
    with atomic_text(written[1]) as results_json, atomic_text(written[2]) as junit:
        results_json.write(results_json_head(plan, secret_source))
        junit.write(junit_head(summaries))
        for i, student in enumerate(plan.students):
            checks = per_student[student.id]
            results = [load(check) for check in checks]
            entry, suites, text = _student_outputs(student, checks, results, plan)
            results_json.write(("," if i else "") + "\n" + entry)
            junit.write(suites)
            path = feedback / f"{safe_name(student.id, taken)}.md"
            write_atomic(path, text, durable=False)
            kept.add(path.name)
            report.add(student, student.id in strangers, path.name, results)
            del results
        results_json.write(results_json_tail(plan, similar))
        junit.write(junit_tail(summaries))
    write_report(written[3], report, plan, similar)
    os.sync()  # one flush for the whole folder instead of one per student
    for stale in feedback.glob("*.md"):
        if stale.name not in kept:
            with contextlib.suppress(OSError):
                stale.unlink()
    written.insert(3, feedback)
    return written
