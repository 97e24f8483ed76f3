"""Results in the formats other tools read: lossdrill's JSON, Gradescope's results.json,
JUnit XML, GitHub Classroom's runner result, and a CSV gradebook.

Reads result objects only, which hold nothing a hidden test may not show (grading's
disclosure.py): a hidden test has its name, verdict, score and the message grading gave it.

The learner's text in a result (messages, tracebacks, printed output, names, the file's name)
is made inert once per format, where the document is made, with escape.py's function for it:
``utf8`` for lossdrill's JSON (always UTF-8), ``visible`` for Gradescope's pages, ``xml`` for
JUnit, ``github_log`` for what GitHub's runner logs (no line a workflow command), and
``csv_cell`` for the gradebook's names.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from lossdrill import escape
from lossdrill.grading.results import CheckResult, TestResult, cleaned

GRADESCOPE_VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
OUTPUT_CAP = 4000  # characters of the learner's output carried into an LMS's feedback


def message_text(test: TestResult) -> str:
    """A test's message and its details (inputs, expected, got), as the result holds them."""
    lines = [test.message] if test.message else []
    lines += [f"{key}: {value}" for key, value in test.details.items()]
    return "\n".join(lines)


def summary_text(result: CheckResult) -> str:
    lines = [f"{result.exercise} · {result.title}: {result.score:g}/{result.max_score:g} "
             f"({result.status})"]
    lines += [f"{d.id}: {d.message}" for d in result.diagnoses]
    lines += result.notes
    output = result.learner_output.strip()
    if output:
        shown = output if len(output) <= OUTPUT_CAP else output[:OUTPUT_CAP] + " …"
        lines += ["Your code printed:", shown]
    return "\n".join(lines)


def _inert(doc: dict[str, Any], clean: Callable[[str], str]) -> dict[str, Any]:
    return cast(dict[str, Any], escape.deep(doc, clean))


def to_json(result: CheckResult, version: str, notes: Sequence[str] = ()) -> str:
    doc = result.to_dict(version)
    if notes:
        doc["notes"] = list(notes)
    return json.dumps(_inert(doc, escape.utf8), ensure_ascii=False)


# --- Gradescope ---------------------------------------------------------------------------

def gradescope_results(results: Sequence[CheckResult], *, hidden: str = "after_published",
                       execution_time: float | None = None, output: str = "") -> dict[str, Any]:
    """Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/
    specs/): a test per lossdrill test, the score their sum."""
    if hidden not in GRADESCOPE_VISIBILITIES:
        raise ValueError(f"hidden visibility {hidden!r} is not one of {GRADESCOPE_VISIBILITIES}")
    tests = []
    for result in results:
        for number, test in enumerate(result.tests, start=1):
            tests.append({
                "name": f"{result.exercise} · {test.name}",
                "number": f"{result.exercise[2:]}.{number}",
                "score": test.score,
                "max_score": test.max_score,
                "status": "passed" if test.status == "passed" else "failed",
                "output": message_text(test),
                "visibility": hidden if test.hidden else "visible",
                "tags": [result.exercise, test.kind],
            })
    texts = [output] if output else []
    texts += [summary_text(r) for r in results]
    duration = execution_time if execution_time is not None else sum(
        r.duration_s for r in results)
    # Shown on a web page as text: the learner's controls and bidi overrides as escapes.
    return _inert({
        "score": sum(r.score for r in results),
        # The seconds it took, as measured: a whole number would show a quick run as 0.
        "execution_time": round(max(0.0, duration), 3),
        "output": "\n\n".join(texts),
        "output_format": "text",
        "stdout_visibility": "hidden",
        "tests": tests,
    }, escape.visible)


# --- JUnit XML ----------------------------------------------------------------------------

def junit_xml(suites: Iterable[tuple[str, CheckResult]]) -> str:
    """One <testsuite> per (label, result), one <testcase> per test."""
    root = ET.Element("testsuites", name="lossdrill")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    elapsed = 0.0
    for label, result in suites:
        label, result = escape.xml(label), cleaned(result, escape.xml)
        counts = {
            "tests": len(result.tests),
            "failures": sum(t.status == "failed" for t in result.tests),
            "errors": sum(t.status == "error" for t in result.tests),
            "skipped": sum(t.status == "skipped" for t in result.tests),
        }
        suite = ET.SubElement(root, "testsuite", {
            "name": label, "time": f"{result.duration_s:.3f}",
            **{k: str(v) for k, v in counts.items()}})
        props = ET.SubElement(suite, "properties")
        for key, value in (("exercise", result.exercise), ("status", result.status),
                           ("score", f"{result.score:g}"),
                           ("max_score", f"{result.max_score:g}"), ("seed", str(result.seed))):
            ET.SubElement(props, "property", name=key, value=value)
        for d in result.diagnoses:
            ET.SubElement(props, "property", name=f"diagnosis.{d.id}", value=d.message)
        classname = label.replace(" · ", ".").replace(" ", "_")
        for test in result.tests:
            case = ET.SubElement(suite, "testcase", classname=classname, name=test.name,
                                 time="0")
            text = message_text(test)
            first = text.splitlines()[0] if text else test.status
            if test.status in ("failed", "error"):
                tag = "failure" if test.status == "failed" else "error"
                element = ET.SubElement(case, tag, message=first, type=test.kind)
                element.text = text
            elif test.status == "skipped":
                ET.SubElement(case, "skipped", message=first)
        if result.learner_output.strip():
            ET.SubElement(suite, "system-out").text = result.learner_output[:OUTPUT_CAP]
        for key in totals:
            totals[key] += counts[key]
        elapsed += result.duration_s
    for key, total in totals.items():
        root.set(key, str(total))
    root.set("time", f"{elapsed:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"


# --- GitHub Classroom ---------------------------------------------------------------------

def github_result(result: CheckResult) -> dict[str, Any]:
    """What GitHub Classroom's autograding reporter reads from a runner step's `result`
    output (base64 of this JSON): a status, the max score, and each test's score. The
    reporter prints each name and message to the job's log, where GitHub's runner reads
    workflow commands: so every string is made fit for that log."""
    status = {"passed": "pass", "failed": "fail"}.get(result.status, "error")
    return _inert({
        "version": 1,
        "status": status,
        "max_score": result.max_score,
        "tests": [{
            "name": f"{result.exercise} · {t.name}",
            "status": "pass" if t.status == "passed" else (
                "error" if t.status == "error" else "fail"),
            "score": t.score,
            "message": message_text(t),
            "test_code": "",
            "line_no": 0,
            "execution_time": "",
        } for t in result.tests],
    }, escape.github_log)


def github_line(result: CheckResult) -> str:
    text = json.dumps(github_result(result), ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def github_annotations(result: CheckResult) -> str:
    """Workflow commands for the job's log, a line each: an ``::error`` for each test that
    failed or could not run, titled with the test, and one for each diagnosis when the file
    could not be graded at all. Their text is escaped by GitHub's rules (escape.py), so
    nothing the learner wrote ends one of them or starts another."""
    file = escape.github_property(result.file)
    lines = []
    for test in result.tests:
        if test.status in ("failed", "error"):
            title = escape.github_property(f"{result.exercise} · {test.name}")
            message = escape.github_data(message_text(test) or test.status)
            lines.append(f"::error file={file},title={title}::{message}\n")
    if result.status == "error":
        for d in result.diagnoses:
            title = escape.github_property(f"{result.exercise} · {d.id}")
            lines.append(f"::error file={file},title={title}::{escape.github_data(d.message)}\n")
    return "".join(lines)


# --- One check, any format ----------------------------------------------------------------

def render(result: CheckResult, fmt: str, version: str, notes: Sequence[str] = ()) -> str:
    """`lossdrill check --format FMT`: the document printed on stdout (not for text)."""
    if fmt == "json":
        return to_json(result, version, notes)
    if fmt == "gradescope":
        return json.dumps(gradescope_results([result]), ensure_ascii=False, indent=1)
    if fmt == "junit":
        return junit_xml([(f"{result.exercise} · {result.title}", result)]).rstrip("\n")
    if fmt == "github":
        return github_line(result)
    raise ValueError(f"unknown format {fmt!r}")


# --- Gradebook ----------------------------------------------------------------------------

def gradebook_csv(exercises: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """A row per student: id, name, a score per exercise, the total. Missing work scores 0."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "name", *exercises, "total"])
    for row in rows:
        scores = [row["scores"].get(ex, 0.0) for ex in exercises]
        # A student's id comes from a folder's name: a cell a spreadsheet never runs.
        writer.writerow([escape.csv_cell(row["student"]), escape.csv_cell(row.get("name", "")),
                         *(f"{s:g}" for s in scores), f"{sum(scores):g}"])
    return buffer.getvalue()
