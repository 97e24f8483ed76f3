"""What every exercise of a pack must have beside its spec and reference (docs/authoring.md):
learner fixtures in tests/learners/<id>/ — correct solutions in at least two styles and one
``mistake_<mistake-id>.py`` per listed mistake, each headed ``# lossdrill: <id>`` — and a
cross-check of its reference in a ``tests/grading/test_references*.py`` file that names its
file stem.

The inventory starts from the catalogue, not from the folders that happen to exist, so an
exercise without any of these is reported, with what to add.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from lossdrill.spec.model import Exercise

MIN_STYLES = 2
HEADER = re.compile(r"#\s*lossdrill:\s*(\S+)")


def correct_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.glob("*.py")) if not p.name.startswith("mistake_")]


def mistake_files(folder: Path) -> dict[str, Path]:
    return {p.stem[len("mistake_"):]: p for p in sorted(folder.glob("mistake_*.py"))}


def styles(folder: Path) -> set[str]:
    """The styles of the correct solutions: the last word of each name (mse_loops.py: loops)."""
    return {p.stem.rsplit("_", 1)[-1] for p in correct_files(folder)}


def problems(exercises: Iterable[Exercise], tests: Path) -> list[str]:
    """What is missing or stray, one line each, naming the file to add or change."""
    learners = tests / "learners"
    cross_checks = "\n".join(p.read_text(encoding="utf-8")
                             for p in sorted(tests.glob("**/test_references*.py")))
    found: list[str] = []
    known = set()
    for ex in exercises:
        known.add(ex.id)
        folder = learners / ex.id
        shown = f"tests/learners/{ex.id}"
        count = len(styles(folder))
        if count < MIN_STYLES:
            found.append(f"{ex.id}: {count} correct solution style(s) in {shown}/; add at "
                         f"least {MIN_STYLES}, such as {shown}/{ex.slug}_vectorised.py and "
                         f"{shown}/{ex.slug}_loops.py")
        listed = [m.id for m in ex.mistakes]
        have = mistake_files(folder)
        found += [f"{ex.id}: no fixture for the mistake {m}; add {shown}/mistake_{m}.py, a "
                  "correct solution with that one mistake" for m in listed if m not in have]
        found += [f"{ex.id}: {shown}/{path.name} is for no mistake of {ex.path.name}; list "
                  f"{m} under its mistakes, or remove the file"
                  for m, path in have.items() if m not in listed]
        for path in sorted(folder.glob("*.py")):
            match = HEADER.match(path.read_text(encoding="utf-8"))
            if not match or match.group(1) != ex.id:
                found.append(f"{ex.id}: {shown}/{path.name} does not start with "
                             f"`# lossdrill: {ex.id}`; make that its first line")
        if f'"{ex.path.stem}"' not in cross_checks:
            found.append(f"{ex.id}: no cross-check of solutions/{ex.path.stem}.py; add "
                         f"tests/grading/test_references_{ex.id}.py comparing it with an "
                         "independent implementation (`lossdrill new` writes one to fill in)")
    for folder in sorted(learners.glob("ex*")):
        if folder.is_dir() and folder.name not in known:
            found.append(f"tests/learners/{folder.name}: fixtures for no exercise of the pack; "
                         "add its spec, or remove the folder")
    return found
