"""OUT/report.html: the graded class as a page an instructor opens in a browser, prints, or
attaches to an e-mail. Per exercise, how the scores spread (a histogram) and what the class
got wrong (the most common diagnoses, with who); every test's pass rate (a heat map of tests
× exercises); per student, their scores, diagnoses and a link to their feedback; the
`--similar` findings with the shared lines marked (sidebyside.py); what needs a look.

One self-contained file: inline CSS and SVG, and a short script (a filter over the students,
folded parts unfolded for printing) whose hash the page's Content-Security-Policy names, so
the page loads nothing and runs nothing else, whatever a name in it holds.

The figures are gathered a student at a time while outputs.py writes the other outputs
(ClassReport.add): a few numbers and ids per check, never a full result, so memory stays
bounded whatever the size of the class. Names, file names, messages and code are learner
text: Jinja2 autoescapes every value, and the environment's finalize shows every string as
escape.visible does (controls, bidi overrides, lone surrogates as escapes) before that.
"""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from lossdrill import __version__, escape
from lossdrill.classroom.files import atomic_text
from lossdrill.classroom.layout import Student
from lossdrill.classroom.plan import Plan
from lossdrill.classroom.reportlabels import labels
from lossdrill.classroom.sidebyside import SHOWN, findings
from lossdrill.classroom.similar import Similarity
from lossdrill.classroom.summary import BINS, bin_counts, needs_a_look
from lossdrill.grading.results import CheckResult
from lossdrill.i18n import language
from lossdrill.spec.model import Exercise

# Diagnoses that say nothing about the loss itself.
NOT_A_MISTAKE = {"no-submission"}


@dataclass
class Diagnosed:
    """One diagnosis of one exercise across the class."""
    message: str
    students: list[str] = field(default_factory=list)
    varies: bool = False  # students got different messages (an exception's text, …)


@dataclass
class Row:
    """One student's line of the page."""
    id: str
    name: str
    feedback: str  # the file name under feedback/
    stranger: bool  # a roster was given and does not list them
    cells: dict[str, tuple[float, str]]  # exercise → (score, status)
    diagnoses: list[tuple[str, str]]  # (exercise, diagnosis id)
    total: float
    max_total: float


class ClassReport:
    def __init__(self, exercises: list[Exercise]) -> None:
        self.exercises = exercises
        self.scores: dict[str, list[float]] = {ex.id: [] for ex in exercises}
        self.submitted = {ex.id: 0 for ex in exercises}
        self.tests = {ex.id: {t.name: i for i, t in enumerate(ex.tests)} for ex in exercises}
        self.passed = {ex.id: [0] * len(ex.tests) for ex in exercises}
        self.diagnoses: dict[str, dict[str, Diagnosed]] = {ex.id: {} for ex in exercises}
        self.rows: list[Row] = []

    def add(self, student: Student, stranger: bool, feedback: str,
            results: list[CheckResult]) -> None:
        """Count one student's results in, keeping only what the page draws."""
        row = Row(student.id, student.name, feedback, stranger, {}, [],
                  sum(r.score for r in results), sum(r.max_score for r in results))
        for result in results:
            ident = result.exercise
            row.cells[ident] = (result.score, result.status)
            self.scores[ident].append(result.score)
            if result.status != "missing":
                self.submitted[ident] += 1
                for test in result.tests:
                    index = self.tests[ident].get(test.name)
                    if index is not None and test.status == "passed":
                        self.passed[ident][index] += 1
            for diagnosis in result.diagnoses:
                if diagnosis.id in NOT_A_MISTAKE:
                    continue
                row.diagnoses.append((ident, diagnosis.id))
                seen = self.diagnoses[ident].setdefault(diagnosis.id,
                                                        Diagnosed(diagnosis.message))
                seen.varies |= seen.message != diagnosis.message
                seen.students.append(student.id)
        self.rows.append(row)

    def context(self, plan: Plan, similar: Similarity) -> dict[str, Any]:
        """Everything the template draws."""
        lang = language()
        pairs, matches = findings(plan, similar)
        return {
            "t": labels(), "lang": "zh-CN" if lang == "zh" else "en", "version": __version__,
            "generated": time.strftime("%Y-%m-%d %H:%M"), "layout": plan.discovery.layout,
            "exercises": [self._exercise(ex, lang) for ex in self.exercises],
            "widest": max((len(ex.tests) for ex in self.exercises), default=0),
            "rows": self.rows, "students": len(self.rows),
            "pairs": pairs, "matches": matches,
            "more_pairs": max(0, len(similar.pairs) - SHOWN),
            "more_matches": max(0, len(similar.references) - SHOWN),
            "compared": similar.compared,
            # The findings have their own section; the rest of what the summary lists here.
            "notes": [(title, items) for title, items in needs_a_look(plan, Similarity())
                      if items],
        }

    def _exercise(self, ex: Exercise, lang: str) -> dict[str, Any]:
        scores = self.scores[ex.id]
        counts = bin_counts(scores, ex.max_score)
        mistakes = {m.id: i for i, m in enumerate(ex.mistakes)}
        diagnoses = sorted(self.diagnoses[ex.id].items(),
                           key=lambda item: (-len(item[1].students), item[0]))
        submitted = self.submitted[ex.id]
        return {
            "id": ex.id, "slug": ex.slug, "title": ex.text("title", lang),
            "max": ex.max_score, "submitted": submitted, "students": len(scores),
            "mean": sum(scores) / len(scores) if scores else 0.0,
            "full": sum(score >= ex.max_score for score in scores),
            "bins": [{"count": n, "low": ex.max_score * i / BINS,
                      "high": ex.max_score * (i + 1) / BINS} for i, n in enumerate(counts)],
            "top": max(counts, default=0) or 1,
            "tests": [{"name": ex.text(f"tests[{i}].name", lang), "hidden": t.visibility ==
                       "hidden", "passed": self.passed[ex.id][i], "ran": submitted,
                       "rate": self.passed[ex.id][i] / submitted if submitted else None}
                      for i, t in enumerate(ex.tests)],
            "diagnoses": [{"id": ident, "students": seen.students, "varies": seen.varies,
                           "message": ex.text(f"mistakes[{mistakes[ident]}].message", lang)
                           if ident in mistakes else seen.message}
                          for ident, seen in diagnoses],
        }


def _shown(value: Any) -> Any:
    """The environment's finalize: every string as escape.visible shows it (then
    autoescaped); markup the code made itself (the stylesheet, the script) as it is."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    return escape.visible(value) if isinstance(value, str) else value


def _asset(name: str) -> str:
    return (resources.files("lossdrill.classroom") / "templates" / name).read_text(
        encoding="utf-8")


def write_report(path: Path, report: ClassReport, plan: Plan, similar: Similarity) -> None:
    """Render the page into ``path`` a piece at a time, atomically."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(loader=jinja2.PackageLoader("lossdrill.classroom", "templates"),
                             autoescape=True, finalize=_shown, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    context = report.context(plan, similar)
    context.update(style=Markup(_asset("report.css")), script=Markup(script),
                   script_hash=f"sha256-{digest}")
    with atomic_text(path) as page:
        for piece in env.get_template("report.html.j2").generate(context):
            page.write(escape.utf8(piece))
