"""From a folder of submissions (and a roster) to the list of checks to run: who, which
exercise, which file, which seed, and the cache key of each.

Each file is read here once, as safefile reads a learner's file, for its cache key: one that
is not a regular file of a sane size (a pipe, a device, a link, a giant) is never handed to a
grader; its check carries the one-line reason instead, for the student's row."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lossdrill.classroom.cache import check_key, file_hash, spec_hash
from lossdrill.classroom.checksummary import CheckSummary
from lossdrill.classroom.choice import Candidate
from lossdrill.classroom.layout import Discovery, Student, discover, keep
from lossdrill.classroom.roster import Entry
from lossdrill.classroom.seeds import student_seed
from lossdrill.errors import UsageError
from lossdrill.grading.results import CheckResult
from lossdrill.safefile import NotAFile, renamed
from lossdrill.spec.catalog import Catalog
from lossdrill.spec.model import Exercise


@dataclass(slots=True)  # a class of 500 students has over 10,000
class Check:
    student: str
    exercise: Exercise
    path: Path | None  # None: nothing submitted for it
    seed: int
    key: str = ""
    summary: CheckSummary | None = None  # once graded; the full result is in the cache under key
    cached: bool = False
    # A result no cache file holds (its grader died: the next run tries again), kept whole
    # until the outputs are written; such results are few and small.
    held: CheckResult | None = None
    problem: str = ""  # why the file cannot be graded at all (not a regular file, …)


@dataclass
class Plan:
    exercises: list[Exercise]
    students: list[Student]
    discovery: Discovery
    checks: list[Check] = field(default_factory=list)
    on_roster: set[str] = field(default_factory=set)  # student ids the roster lists
    not_on_roster: list[str] = field(default_factory=list)
    root: Path = Path(".")  # the folder of submissions, as given
    # Exercises of an earlier run in OUT that this one did not ask for (regrade.py): kept,
    # from the cache, or dropped ("ex4: why").
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def label(path: Path, root: Path) -> str:
    """A submission's path as its student and the instructor know it: from the class's
    folder, and the link itself for a symbolic link (never where it points)."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def resolver(catalog: Catalog) -> dict[str, str]:
    """Every name a file may use for an exercise (id, slug, id_slug) → its id, from the
    spec files' names (`<id>_<slug>.yaml`), without loading every spec."""
    names: dict[str, str] = {}
    for path in catalog.pack.spec_paths():
        stem = path.stem.lower()
        ident, _, slug = stem.partition("_")
        names[stem] = names[ident] = ident
        if slug:
            names[slug] = ident
    return names


def select_exercises(catalog: Catalog, wanted: list[str] | None, found: Discovery
                     ) -> list[Exercise]:
    if wanted:
        return [catalog.get(name) for name in wanted]
    ids = sorted({ex for s in found.students for ex in s.files}, key=lambda i: int(i[2:])
                 if i[2:].isdigit() else 10**6)
    if not ids:
        raise UsageError(f"no submission names an exercise of the pack ({len(found.unmatched)} "
                         "unmatched .py files); name files exN.py or start them with "
                         "`# lossdrill: exN`, or pass --exercises")
    return [catalog.get(i) for i in ids]


def merge_students(students: list[Student]) -> list[Student]:
    """One student per id, whatever layouts their files came in. Folders (or file prefixes)
    of other names that map to the same id are merged, and listed in ``merged``: two people
    given one id by mistake must not pass unnoticed."""
    merged: dict[str, Student] = {}
    for student in students:
        key = student.id.lower()
        if key not in merged:
            merged[key] = student
            continue
        into = merged[key]
        if student.source != into.source or (student.name and into.name
                                             and student.name != into.name):
            into.merged.append(student.source)
        into.aliases |= student.aliases
        into.name = into.name or student.name
        into.ignored += student.ignored
        for exercise, path in student.files.items():
            keep(into, exercise, student.chosen.get(exercise) or Candidate(path))
    return list(merged.values())


def merged_folders(students: list[Student]) -> list[str]:
    """A line per student whose id came from more than one folder (or file prefix)."""
    return [f"{s.id}: " + ", ".join(repr(source) for source in [s.source, *s.merged])
            for s in students if s.merged]


def apply_roster(plan: Plan, roster: list[Entry]) -> None:
    """Roster students are matched by any of their ids; those without work get zero rows."""
    by_alias: dict[str, Student] = {}
    for student in plan.students:
        for alias in {student.id.lower(), *student.aliases}:
            by_alias.setdefault(alias, student)
    matched: set[int] = set()
    for entry in roster:
        found = by_alias.get(entry.id.lower())
        if found is None or id(found) in matched:
            student = Student(entry.id, entry.name, source="roster")
            plan.students.append(student)
        else:
            student = found
            student.aliases.add(student.id.lower())
            student.id = entry.id
            student.name = entry.name or student.name
        matched.add(id(student))
        plan.on_roster.add(student.id)
    plan.not_on_roster = sorted(s.id for s in plan.students if id(s) not in matched)


def make_plan(catalog: Catalog, submissions: Path, wanted: list[str] | None,
              roster: list[Entry] | None) -> Plan:
    names = resolver(catalog)
    found = discover(submissions, names.get)
    exercises = select_exercises(catalog, wanted, found)
    plan = Plan(exercises, merge_students(found.students), found, root=submissions)
    if roster is not None:
        apply_roster(plan, roster)
    plan.students.sort(key=lambda s: s.id.lower())
    return plan


def add_checks(plan: Plan, secret: str, timeout: float | None, memory: int) -> None:
    specs = {ex.id: spec_hash(ex) for ex in plan.exercises}
    for student in plan.students:
        for ex in plan.exercises:
            path = student.files.get(ex.id)
            check = Check(student.id, ex, path, student_seed(secret, student.id, ex.id))
            if path is not None:
                try:
                    digest = file_hash(path)
                except NotAFile as exc:
                    check.problem = renamed(str(exc), path, label(path, plan.root))
                else:
                    check.key = check_key(digest, specs[ex.id], check.seed, timeout, memory)
            plan.checks.append(check)
