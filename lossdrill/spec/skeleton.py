"""`lossdrill new ID SLUG`: the skeleton of a new exercise, every file docs/authoring.md names.

A spec with its texts in English and Chinese, a reference with a MISTAKES dict, two correct
learner fixtures and one per mistake, and a cross-check test, each from a template in
``templates/`` with ``TODO`` where the author writes. Once the TODOs are replaced,
`lossdrill validate` accepts the pack and the tests run. Nothing is ever overwritten: a name
that is taken, or any file that exists, refuses the whole skeleton before one is written.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from string import Template

from lossdrill.errors import UsageError
from lossdrill.i18n import _

TEMPLATES = Path(__file__).resolve().parent / "templates"
ID = re.compile(r"ex[0-9]{1,6}", re.ASCII)
SLUG = re.compile(r"[a-z][a-z0-9_]{0,29}", re.ASCII)
MISTAKE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}", re.ASCII)
DEFAULT_MISTAKE = "todo-name-this-mistake"


def skeleton_files(exercise: str, slug: str, mistake: str) -> dict[Path, str]:
    """The files of the skeleton, by their path in the pack."""
    stem = f"{exercise}_{slug}"
    fields = {"id": exercise, "slug": slug, "stem": stem, "mistake": mistake,
              # the function the learner writes is named after the exercise, unless that name
              # is one of Python's words (`lambda`)
              "fn": f"{slug}_" if keyword.iskeyword(slug) else slug}
    learners = Path("tests", "learners", exercise)
    where = {
        Path("exercises", f"{stem}.yaml"): "spec.yaml",
        Path("solutions", f"{stem}.py"): "solution.py",
        learners / f"{slug}_vectorised.py": "vectorised.py",
        learners / f"{slug}_loops.py": "loops.py",
        learners / f"mistake_{mistake}.py": "mistake.py",
        Path("tests", "grading", f"test_references_{exercise}.py"): "cross_check.py",
    }
    return {path: Template((TEMPLATES / f"{name}.tmpl").read_text(encoding="utf-8"))
            .substitute(fields) for path, name in where.items()}


def write_skeleton(root: Path, exercise: str, slug: str,
                   mistake: str = DEFAULT_MISTAKE) -> list[Path]:
    """Write the skeleton of ``exercise`` into the pack at ``root``; the files written."""
    _check_pack(root)
    _check_names(root, exercise, slug, mistake)
    files = skeleton_files(exercise, slug, mistake)
    for path in files:
        if (root / path).exists() or (root / path).is_symlink():
            raise UsageError(_("{file}: already exists; `lossdrill new` never overwrites: move "
                               "it away, or choose another id or slug", file=root / path))
    return _write_all(root, files)


def next_free_id(root: Path) -> str:
    numbers = [int(m.group(1)) for p in (root / "exercises").glob("ex*.yaml")
               if (m := re.match(r"ex([0-9]+)", p.stem))]
    return f"ex{max(numbers, default=0) + 1}"


def _check_pack(root: Path) -> None:
    if not root.is_dir():
        raise UsageError(_("{folder}: no such folder; create it, or pass --pack with the "
                           "folder of the pack", folder=root))
    if not (root / "exercises").is_dir() and any(root.glob("*.yaml")):
        raise UsageError(_("{folder}: holds specs itself; pass the folder above it (a pack "
                           "holds exercises/ and solutions/)", folder=root))


def _check_names(root: Path, exercise: str, slug: str, mistake: str) -> None:
    if not ID.fullmatch(exercise):
        raise UsageError(_("{id}: not an exercise id; write ex and its number, such as {next}",
                           id=repr(exercise), next=next_free_id(root)))
    if not SLUG.fullmatch(slug):
        raise UsageError(_("{slug}: not a slug; write a lowercase letter, then up to 29 "
                           "lowercase letters, digits or _, such as hinge_sq", slug=repr(slug)))
    if ID.fullmatch(slug):
        raise UsageError(_("{slug}: a slug that reads as an exercise id would be taken for "
                           "one; name the loss instead, such as hinge_sq", slug=repr(slug)))
    if not MISTAKE.fullmatch(mistake):
        raise UsageError(_("--mistake {mistake}: write up to 40 lowercase letters, digits or "
                           "-, such as sum-instead-of-mean", mistake=repr(mistake)))
    for spec in sorted((root / "exercises").glob("*.yaml")):
        taken_id, _sep, taken_slug = spec.stem.partition("_")
        if taken_id == exercise:
            raise UsageError(_("{file}: is {id} already; choose another id (the next free "
                               "one is {next})", id=exercise, file=spec, next=next_free_id(root)))
        if taken_slug == slug:
            raise UsageError(_("{file}: is {slug} already; choose another slug", slug=slug,
                               file=spec))


def _write_all(root: Path, files: dict[Path, str]) -> list[Path]:
    """Every file, or none: what was made is removed again when one cannot be written."""
    made: list[Path] = []  # files and folders created, in order
    try:
        for path, text in files.items():
            for depth in range(1, len(path.parts)):
                folder = root.joinpath(*path.parts[:depth])
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            with open(root / path, "x", encoding="utf-8") as out:  # "x": never over a file
                made.append(root / path)
                out.write(text)
    except BaseException:
        for created in reversed(made):
            if created.is_dir():
                created.rmdir()
            else:
                created.unlink(missing_ok=True)
        raise
    return [root / path for path in files]
