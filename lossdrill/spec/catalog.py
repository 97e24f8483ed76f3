"""Find exercise packs and the exercise a learner's file is for.

A pack is a folder holding ``exercises/*.yaml`` and ``solutions/*.py`` (or the exercises
folder itself, with ``solutions`` beside it). The built-in pack ships inside the package
(``lossdrill/pack``) or, in a source checkout, at the top of the repository.
``LOSSDRILL_EXERCISES`` or ``--pack`` names another.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lossdrill.errors import UsageError
from lossdrill.i18n import _
from lossdrill.safefile import NotAFile, read_head
from lossdrill.spec.load import load_exercise
from lossdrill.spec.model import Exercise

_PACKAGE = Path(__file__).resolve().parents[1]  # lossdrill/
HEADER = re.compile(r"^#\s*lossdrill:\s*(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Pack:
    exercises_dir: Path
    solutions_dir: Path

    def spec_paths(self) -> list[Path]:
        return sorted(self.exercises_dir.glob("*.yaml"), key=_curriculum_order)

    def private_paths(self) -> list[Path]:
        return private_paths(self.exercises_dir, self.solutions_dir)


def private_paths(exercises_dir: Path, solutions_dir: Path) -> list[Path]:
    """What a learner process must never read: the specs, the references, the answers
    recorded from them (a released pack's ``answers/``) and the cache of validated specs —
    of this pack and of every built-in pack Python can find (an installed lossdrill beside
    the one grading, say, in a Gradescope image)."""
    from lossdrill.spec.cache import folder

    paths = [exercises_dir, solutions_dir, solutions_dir.parent / "answers", folder()]
    for pack in _builtin_packs():
        paths += [p for p in (pack / "exercises", pack / "solutions", pack / "answers")
                  if p not in paths]
    return paths


@functools.cache
def _builtin_packs() -> tuple[Path, ...]:
    found = [Path(entry or ".") / "lossdrill" / "pack" for entry in sys.path]
    with contextlib.suppress(UsageError):
        found.append(builtin_pack_dir())
    return tuple(dict.fromkeys(p for p in found if (p / "exercises").is_dir()))


def _curriculum_order(path: Path) -> tuple[int, str]:
    match = re.match(r"ex(\d+)", path.stem)
    return (int(match.group(1)) if match else 10**6, path.stem)


def builtin_pack_dir() -> Path:
    for candidate in (_PACKAGE / "pack", _PACKAGE.parent):
        if (candidate / "exercises").is_dir():
            return candidate
    raise UsageError(_("the built-in exercises are missing from this installation; "
                       "reinstall lossdrill"))


def find_pack(directory: str | Path | None = None) -> Pack:
    chosen = directory or os.environ.get("LOSSDRILL_EXERCISES") or builtin_pack_dir()
    root = Path(chosen)
    if not root.is_dir():
        raise UsageError(_("{folder}: no such exercise folder; pass a folder holding "
                           "exercises/ (or unset LOSSDRILL_EXERCISES)", folder=root))
    if (root / "exercises").is_dir():
        return Pack(root / "exercises", root / "solutions")
    return Pack(root, root.parent / "solutions")


class ExerciseNotNamed(UsageError):
    """A learner's file that names no exercise: no header, and a name that is none's."""


class Catalog:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._loaded: dict[Path, Exercise] = {}

    def _load(self, path: Path) -> Exercise:
        if path not in self._loaded:
            self._loaded[path] = load_exercise(path, self.pack.solutions_dir)
        return self._loaded[path]

    def all(self) -> list[Exercise]:
        exercises = [self._load(p) for p in self.pack.spec_paths()]
        if not exercises:
            raise UsageError(_("{folder}: no exercise specs (*.yaml) found",
                               folder=self.pack.exercises_dir))
        return exercises

    def get(self, name: str) -> Exercise:
        """By id (ex3), slug (hinge) or both (ex3_hinge), without loading every spec."""
        key = name.strip().lower().removesuffix(".py").removesuffix(".yaml")
        paths = self.pack.spec_paths()
        for path in paths:  # file stems are `<id>_<slug>`: try the cheap match first
            stem = path.stem.lower()
            if key == stem or key == stem.split("_", 1)[0] or key == stem.partition("_")[2]:
                exercise = self._load(path)
                if key in (exercise.id, exercise.slug, f"{exercise.id}_{exercise.slug}"):
                    return exercise
        for exercise in self.all():
            if key in (exercise.id, exercise.slug, f"{exercise.id}_{exercise.slug}"):
                return exercise
        known = ", ".join(p.stem.split("_", 1)[0] for p in paths[:6])
        raise UsageError(_("unknown exercise '{name}'; `lossdrill list` shows them ({known}, "
                           "…)", name=name, known=known))

    def next_after(self, exercise: Exercise) -> Exercise | None:
        exercises = self.all()
        index = [e.id for e in exercises].index(exercise.id)
        return exercises[index + 1] if index + 1 < len(exercises) else None

    def infer(self, file: Path, explicit: str | None) -> Exercise:
        """--exercise, else the `# lossdrill: ex3` header, else the file name."""
        if explicit:
            return self.get(explicit)
        # Read as a learner's file is (a pipe or device in its place is refused, never waited
        # on); a missing file still gets a name-based guess, for the caller to report.
        try:
            head = read_head(file, follow=True).decode("utf-8", errors="replace")
        except NotAFile:
            if file.exists():
                raise
            head = ""
        match = HEADER.search(head)
        if match:
            return self.get(match.group(1))
        stem = file.stem.lower()
        for candidate in (stem, stem.split("_", 1)[0], stem.partition("_")[2]):
            if candidate:
                try:
                    return self.get(candidate)
                except UsageError:
                    continue
        raise ExerciseNotNamed(_("{file}: cannot tell which exercise this file is for; add a "
                                 "first line `# lossdrill: ex1`, name the file ex1.py, or pass "
                                 "--exercise ex1", file=file))
