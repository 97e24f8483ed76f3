"""Pairs of submissions that share code once names, comments and literals are set aside, and
submissions that match the pack's reference solution — for the instructor to look at, not a
verdict.

Each submission is reduced to its winnowed fingerprints (fingerprints.py), less every k-gram
of the starter (everyone begins from it). An index from fingerprint to the submissions that
hold it finds the pairs worth scoring: only those that share a fingerprint, and only through
fingerprints at most COMMON submissions hold — a passage more of the class wrote is a common
way to write it, not a copy, and leaving it out keeps the cost linear in the class's size.

A pair's `ratio` is how alike the two are: the share of their fingerprints (the common ones
aside) that both hold (Dice's coefficient). Its `weight` is how much rare code they share:
each shared fingerprint counts 1 when no other submission holds it and 1/(n - 1) when n do.
Pairs at or above the threshold are listed by weight, so a long disguised copy stands above
two files that are alike because the exercise is one line everyone writes the same way.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from lossdrill.classroom.fingerprints import all_grams, fingerprints, read_source
from lossdrill.errors import LossdrillError

COMMON = 10  # as MOSS's default: a passage in more submissions than this is not evidence
# Fingerprints a submission must share with the reference to be flagged (about 25 tokens,
# three or four lines): a one-line answer everyone writes alike is not a copy of it.
MIN_REFERENCE = 10


@dataclass(frozen=True)
class Pair:
    exercise: str
    first: str
    second: str
    ratio: float
    weight: float


@dataclass(frozen=True)
class ReferenceMatch:
    """A submission whose code (names, comments and literals aside) is the reference's."""
    exercise: str
    student: str
    ratio: float  # the share of the submission's fingerprints the reference holds


@dataclass(frozen=True)
class Similarity:
    pairs: list[Pair] = field(default_factory=list)
    references: list[ReferenceMatch] = field(default_factory=list)
    compared: bool = False  # False when `--similar` was not asked for


def _prints(by_student: Mapping[str, Path], starter: set[int]) -> dict[str, set[int]]:
    """Each readable submission's fingerprints outside the starter; those left with none
    (the starter itself, renamed) are left out."""
    out = {}
    for student, path in sorted(by_student.items()):
        try:
            own = fingerprints(read_source(path)) - starter
        except (OSError, LossdrillError):
            continue  # unreadable: the grading reports it; nothing to compare
        if own:
            out[student] = own
    return out


def _pairs(exercise: str, prints: dict[str, set[int]], threshold: float) -> list[Pair]:
    students = list(prints)
    holders: dict[int, list[int]] = defaultdict(list)
    for i, student in enumerate(students):
        for f in prints[student]:
            holders[f].append(i)
    rare = {f: who for f, who in holders.items() if len(who) <= COMMON}
    size = [sum(f in rare for f in prints[s]) for s in students]
    shared: dict[tuple[int, int], int] = defaultdict(int)
    weight: dict[tuple[int, int], float] = defaultdict(float)
    for who in rare.values():
        if len(who) > 1:
            for pair in combinations(who, 2):  # ascending, as holders were filled
                shared[pair] += 1
                weight[pair] += 1 / (len(who) - 1)
    pairs = []
    for (a, b), n in shared.items():
        ratio = 2 * n / (size[a] + size[b])
        if ratio >= threshold:
            pairs.append(Pair(exercise, students[a], students[b], round(ratio, 3),
                              round(weight[a, b], 1)))
    return pairs


def reference_code(source: str) -> str:
    """A reference solution without its mistake variants (the functions its MISTAKES dict
    names, and the dict): a learner who made one of those mistakes did not copy it."""
    try:
        module = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return source
    variants: set[str] = set()
    gone: set[int] = set()
    for node in module.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "MISTAKES" for t in node.targets):
            variants |= {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
            gone |= set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    for node in module.body:
        if isinstance(node, ast.FunctionDef) and node.name in variants:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            gone |= set(range(first, (node.end_lineno or node.lineno) + 1))
    return "\n".join(line for i, line in enumerate(source.splitlines(), 1) if i not in gone)


def _reference_matches(exercise: str, prints: dict[str, set[int]], reference: Path | None,
                       threshold: float) -> list[ReferenceMatch]:
    if reference is None:
        return []
    try:
        held = all_grams(reference_code(read_source(reference, follow=True)))
    except (OSError, LossdrillError):
        return []
    matches = []
    for student, own in prints.items():
        found = len(own & held)
        if found >= MIN_REFERENCE and found / len(own) >= threshold:
            matches.append(ReferenceMatch(exercise, student, round(found / len(own), 3)))
    return matches


def find_similar(files: Mapping[str, Mapping[str, Path]], starters: Mapping[str, str],
                 references: Mapping[str, Path] | None = None,
                 threshold: float = 0.95) -> Similarity:
    """``files``: exercise → student → file; ``starters``: exercise → starter source;
    ``references``: exercise → reference solution. Pairs most rare code shared first."""
    found = Similarity(compared=True)
    for exercise, by_student in files.items():
        prints = _prints(by_student, all_grams(starters.get(exercise, "")))
        found.pairs.extend(_pairs(exercise, prints, threshold))
        found.references.extend(_reference_matches(
            exercise, prints, (references or {}).get(exercise), threshold))
    found.pairs.sort(key=lambda p: (-p.weight, -p.ratio, p.exercise, p.first, p.second))
    found.references.sort(key=lambda m: (m.exercise, -m.ratio, m.student))
    return found

