"""The terminal summary of a graded class: per exercise, how the scores spread and what the
class as a whole got wrong (the most common diagnoses); then what needs a look. Every name
and message a student controls is printed as escape.visible shows it, never as markup."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lossdrill.classroom.grade import RunStats
from lossdrill.classroom.plan import Plan, merged_folders
from lossdrill.classroom.similar import Similarity
from lossdrill.escape import visible
from lossdrill.i18n import _

_BARS = " ▁▂▃▄▅▆▇█"
BINS = 10
# Diagnoses that say nothing about the loss itself.
_NOT_A_MISTAKE = {"no-submission"}


def bin_counts(scores: list[float], most: float) -> list[int]:
    """How many scores fall in each of BINS equal bins from 0 to the maximum (a full score
    in the last)."""
    counts = [0] * BINS
    for score in scores:
        counts[min(BINS - 1, int(score / most * BINS)) if most else 0] += 1
    return counts


def histogram(scores: list[float], most: float) -> str:
    """bin_counts as block characters."""
    counts = bin_counts(scores, most)
    top = max(counts) or 1
    return "".join(_BARS[round(c / top * 8)] if c else "·" for c in counts)


def needs_a_look(plan: Plan, similar: Similarity) -> list[tuple[str, list[str]]]:
    """What the instructor should look at, as (title, items): strangers, files for no
    exercise, files not graded or set aside, merged folders, exercises carried over from an
    earlier run, and the similarity findings. Items are learner text: escape them."""
    found = plan.discovery
    return [
        (_("not on the roster (graded anyway)"), plan.not_on_roster),
        (_("no exercise recognised (name them exN.py or add `# lossdrill: exN`)"),
         [str(p) for p in found.unmatched]),
        (_("skipped (symbolic links to folders, unreadable folders)"),
         [str(p) for p in found.skipped]),
        (_("not graded (not a regular file, too large or unreadable; the student's row says "
           "so)"), [c.problem for c in plan.checks if c.problem]),
        (_("duplicates set aside (the file graded: its first line names the exercise, then its "
           "name is exactly the exercise's, then the latest resubmission)"),
         [i for s in plan.students for i in s.ignored]),
        (_("one student id from several folders (merged: check that they are one person)"),
         merged_folders(plan.students)),
        (_("kept from the earlier grading in this folder (from the cache)"), plan.kept),
        (_("left out of the earlier grading in this folder (pass them to --exercises to grade "
           "them again)"), plan.dropped),
        (_("near-identical code (identifiers and comments ignored)"),
         [f"{p.exercise}: {p.first} ~ {p.second} ({p.ratio:.0%}, weight {p.weight:g})"
          for p in similar.pairs]),
        (_("matches the pack's reference solution (names and comments aside)"),
         [f"{m.exercise}: {m.student} ({m.ratio:.0%})" for m in similar.references]),
    ]


def render_summary(console: Console, plan: Plan, stats: RunStats, similar: Similarity,
                   written: list[Path]) -> None:
    table = Table(title="Scores per exercise", box=box.SIMPLE_HEAD, title_justify="left")
    for column in ("exercise", "submitted", "mean", "median", "full", "0 ▕ scores ▏ max",
                   "most common diagnoses"):
        table.add_column(column, justify="right" if column in ("mean", "median") else "left")
    for ex in plan.exercises:
        summaries = [c.summary for c in plan.checks if c.exercise.id == ex.id and c.summary]
        scores = [o.score for o in summaries]
        submitted = sum(o.status != "missing" for o in summaries)
        full = sum(o.score >= ex.max_score for o in summaries)
        diagnoses = Counter(d for o in summaries for d in o.diagnoses if d not in _NOT_A_MISTAKE)
        common = ", ".join(f"{ident} ({n})" for ident, n in diagnoses.most_common(3)) or "—"
        table.add_row(f"{ex.id} {ex.slug}", f"{submitted}/{len(summaries)}",
                      f"{statistics.fmean(scores):.1f}/{ex.max_score:g}" if scores else "—",
                      f"{statistics.median(scores):g}" if scores else "—", str(full),
                      histogram(scores, ex.max_score), common)
    console.print(table)
    found = plan.discovery
    for title, items in needs_a_look(plan, similar):
        if items:
            shown = items[:10] + ([f"… and {len(items) - 10} more (see results.json)"]
                                  if len(items) > 10 else [])
            console.print(Text(f"{title}: {len(items)}", style="bold yellow"))
            for item in shown:
                console.print(f"  {visible(item, one_line=True)}", highlight=False,
                              markup=False)
    students = len(plan.students)
    console.print(Text(
        f"{students} students, {len(plan.exercises)} exercises ({found.layout}): "
        f"{stats.graded} checks graded, {stats.from_cache} from the cache, "
        f"{stats.missing} missing" + (_(", {count} files not gradable", count=stats.refused)
                                      if stats.refused else "") + ".", style="bold"))
    if written:
        console.print("Wrote " + ", ".join(str(p) for p in written), highlight=False,
                      markup=False)
