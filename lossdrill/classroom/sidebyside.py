"""The code behind `--similar`'s findings, for the class report: each pair side by side with
the lines the two share marked, and each submission that matches the reference with the
lines it shares with it marked (the reference itself is never shown: the report may be
mailed). Lines are shared when a k-gram of normalised tokens (fingerprints.py: names,
numbers and strings aside) that is not in the starter lies on them in both files.

Only the first SHOWN findings are drawn, each file to MAX_LINES lines: the page stays light
whatever a class holds, and results.json lists every finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lossdrill.classroom.fingerprints import all_grams, gram_lines, read_source
from lossdrill.classroom.plan import Plan, label
from lossdrill.classroom.similar import Pair, ReferenceMatch, Similarity, reference_code
from lossdrill.errors import LossdrillError
from lossdrill.escape import visible
from lossdrill.spec.starter import starter_source

SHOWN = 20
MAX_LINES = 400


@dataclass(frozen=True)
class CodeLine:
    number: int
    text: str
    shared: bool


@dataclass(frozen=True)
class Side:
    student: str
    file: str
    lines: list[CodeLine]
    hidden: int  # lines past MAX_LINES, not drawn
    shared: int  # lines marked
    error: str = ""  # why the file could not be read again


@dataclass(frozen=True)
class Finding:
    exercise: str
    ratio: float
    weight: float | None  # a pair's; None for a match with the reference
    sides: list[Side]


def _lines_of(grams: Mapping[int, set[int]], shared: set[int]) -> set[int]:
    return {line for digest in shared for line in grams.get(digest, ())}


def _side(student: str, file: str, source: str | None, marked: set[int], error: str) -> Side:
    if source is None:
        return Side(student, file, [], 0, 0, error)
    text = source.splitlines()
    lines = [CodeLine(n, visible(line.expandtabs(4)), n in marked)
             for n, line in enumerate(text[:MAX_LINES], start=1)]
    return Side(student, file, lines, max(0, len(text) - MAX_LINES), len(marked))


def _read(path: Path | None) -> tuple[str | None, str]:
    if path is None:
        return None, "no file"
    try:
        return read_source(path), ""
    except (OSError, LossdrillError) as exc:
        return None, visible(str(exc), one_line=True)


def _pair(pair: Pair, files: Mapping[tuple[str, str], Path], root: Path, starter: set[int]
          ) -> Finding:
    paths = [files.get((pair.first, pair.exercise)), files.get((pair.second, pair.exercise))]
    read = [_read(p) for p in paths]
    grams = [gram_lines(source) if source is not None else {} for source, _ in read]
    shared = (grams[0].keys() & grams[1].keys()) - starter
    sides = [_side(student, label(path, root) if path else "", source,
                   _lines_of(g, shared), error)
             for student, path, (source, error), g
             in zip((pair.first, pair.second), paths, read, grams, strict=True)]
    return Finding(pair.exercise, pair.ratio, pair.weight, sides)


def _reference(match: ReferenceMatch, files: Mapping[tuple[str, str], Path], root: Path,
               reference: Path | None, starter: set[int]) -> Finding:
    path = files.get((match.student, match.exercise))
    source, error = _read(path)
    held: set[int] = set()
    if reference is not None:
        try:
            held = all_grams(reference_code(read_source(reference, follow=True)))
        except (OSError, LossdrillError):
            held = set()
    grams = gram_lines(source) if source is not None else {}
    shared = (grams.keys() & held) - starter
    side = _side(match.student, label(path, root) if path else "", source,
                 _lines_of(grams, shared), error)
    return Finding(match.exercise, match.ratio, None, [side])


def findings(plan: Plan, similar: Similarity) -> tuple[list[Finding], list[Finding]]:
    """The pairs and the matches with the reference that the report draws."""
    pairs, matches = similar.pairs[:SHOWN], similar.references[:SHOWN]
    wanted = {(p.first, p.exercise) for p in pairs} | {(p.second, p.exercise) for p in pairs}
    wanted |= {(m.student, m.exercise) for m in matches}
    files = {(c.student, c.exercise.id): c.path for c in plan.checks
             if (c.student, c.exercise.id) in wanted and c.path is not None and not c.problem}
    exercises = {ex.id: ex for ex in plan.exercises}
    involved = {p.exercise for p in pairs} | {m.exercise for m in matches}
    starters = {ident: all_grams(starter_source(exercises[ident])) for ident in involved}
    return ([_pair(p, files, plan.root, starters[p.exercise]) for p in pairs],
            [_reference(m, files, plan.root, exercises[m.exercise].solution_path,
                        starters[m.exercise]) for m in matches])
