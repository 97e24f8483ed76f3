"""Find who submitted what in a folder of submissions, whatever tool produced it.

Layouts recognised (the first that fits):

- **Gradescope export**: ``submission_metadata.yml`` beside one ``submission_<id>/`` folder per
  submission; the students are the submission's ``:submitters:`` (``:sid:``, ``:email:``,
  ``:name:``), every one of a group getting the group's grade.
- **A folder per student** (a classroom repository checkout, a Moodle download named
  ``Jane Doe_12345_assignsubmission_file_``, or simply ``alice/``): every ``*.py`` below it.
- **Flat files**: ``alice_ex3.py``, ``alice_hinge.py``, ``alice_ex3_hinge.py``, and Canvas's
  bulk download: ``smithjane_12345_67890_ex3.py`` (sortable name, user id, file id, the file's
  name), with ``LATE`` where Canvas puts it for a late submission — after the name
  (``smithjane_LATE_12345_…``), or first when the course grades anonymously
  (``LATE_anon_x1y2z_67890_ex3.py``); older downloads spell it ``late``.

A file is for the exercise its ``# lossdrill: exN`` header names, else the one its name names
(``ex3``, ``hinge`` or ``ex3_hinge``, possibly after the student's prefix). Of two files for
one exercise, choice.py says which is graded.

Nothing here follows a symbolic link or waits on a file: a link, pipe, socket or device named
like a submission is the student's file for that exercise all the same (found by its name
alone), so grading can tell the student, in their own row, what is wrong with it. Names are
kept as the operating system gives them (bytes that are not UTF-8 as surrogate escapes);
each output escapes them.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lossdrill.classroom import choice
from lossdrill.classroom.choice import Candidate
from lossdrill.errors import UsageError
from lossdrill.safefile import NotAFile, read_head
from lossdrill.spec.catalog import HEADER as HEADER_LINE

GRADESCOPE_METADATA = "submission_metadata.yml"
SUFFIXES = (".py", ".ipynb")  # a notebook is graded from its code cells, as `check` does
# In a notebook's JSON the header line is a string: `"# lossdrill: ex1\n",`.
_NOTEBOOK_HEADER = re.compile(r'"#\s*lossdrill:\s*([A-Za-z0-9_]+)')
_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_\w*$")
# Canvas names a download `[sortable name]_[LATE]_[user id]_[file id]_[file name]`, or
# `[LATE]_anon_[anonymous id]_…` when students are anonymous to the grader.
_CANVAS = re.compile(r"""^(?:(?P<login>[^_]+(?:_[^_]+)*?)_(?:late_)?(?P<uid>\d+)
                           |(?:late_)?(?P<anon>anon_[a-z0-9]+))
                          _(?P<upload>\d+)_(?P<rest>.+)$""", re.IGNORECASE | re.VERBOSE)
_SKIPPED_DIRS = {"__pycache__", "__MACOSX", ".git", ".ipynb_checkpoints", "node_modules"}

# name → exercise id, or None: how the catalog resolves an id, slug or `id_slug`.
Resolver = Callable[[str], "str | None"]


@dataclass
class Student:
    id: str
    name: str = ""
    aliases: set[str] = field(default_factory=set)  # other ids a roster may use (sid, email)
    files: dict[str, Path] = field(default_factory=dict)  # exercise id → the file graded
    ignored: list[str] = field(default_factory=list)  # duplicates set aside, with the reason
    source: str = ""  # the folder or file prefix it came from
    chosen: dict[str, Candidate] = field(default_factory=dict)  # how each file was found
    merged: list[str] = field(default_factory=list)  # other folders found to be this student


@dataclass
class Discovery:
    layout: str
    students: list[Student]
    unmatched: list[Path]  # .py files for no known exercise
    skipped: list[Path]  # symbolic links to folders, and unreadable folders


def discover(root: Path, resolve: Resolver) -> Discovery:
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder of submissions; check the path")
    if (root / GRADESCOPE_METADATA).is_file():
        return _gradescope(root, resolve)
    found = Discovery("folders", [], [], [])
    flat: dict[str, Student] = {}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in _SKIPPED_DIRS:
            continue
        if entry.suffix in SUFFIXES and not _is_dir(entry):
            _flat_file(entry, resolve, flat, found)
        elif entry.is_symlink():
            found.skipped.append(entry)
        elif entry.is_dir():
            student = _folder_student(entry.name)
            _collect(student, entry, resolve, found)
            found.students.append(student)
    if flat:
        found.layout = "flat files" if not found.students else "folders and flat files"
        found.students += list(flat.values())
    return found


def _folder_student(name: str) -> Student:
    moodle = _MOODLE.match(name)
    if moodle:
        return Student(moodle["id"], moodle["name"], {moodle["name"].lower()}, source=name)
    return Student(name, source=name)


def _collect(student: Student, folder: Path, resolve: Resolver, found: Discovery) -> None:
    for path in sorted(_python_files(folder, found)):
        identified = identify(path, path.stem, resolve)
        if identified is None:
            found.unmatched.append(path)
        else:
            keep(student, identified[0], Candidate(path, identified[1]))


def _python_files(folder: Path, found: Discovery) -> list[Path]:
    """Every submission-named entry below ``folder``: walked with a list of folders still to
    list rather than by recursion, so no depth of nested folders can exhaust the stack."""
    files = []
    folders = [folder]
    while folders:
        current = folders.pop()
        try:
            entries = sorted(current.iterdir())
        except OSError:
            found.skipped.append(current)
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in _SKIPPED_DIRS:
                continue
            if entry.suffix in SUFFIXES and not _is_dir(entry):
                files.append(entry)
            elif entry.is_symlink():
                found.skipped.append(entry)
            elif entry.is_dir():
                folders.append(entry)
    return files


def _is_dir(path: Path) -> bool:
    """A real folder (a link to one is not followed)."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def identify(path: Path, stem: str, resolve: Resolver) -> tuple[str, str] | None:
    """(exercise, how): by the `# lossdrill: exN` header (HEADER), else by the name (ex3,
    hinge, ex3_hinge, ex3-1) as written (EXACT) or ignoring case (ANY_CASE)."""
    try:
        head = read_head(path).decode("utf-8", errors="replace")
    except NotAFile:  # a link, pipe or device: its name says what it was meant for
        head = ""
    match = (_NOTEBOOK_HEADER if path.suffix == ".ipynb" else HEADER_LINE).search(head)
    if match and resolve(match.group(1)):
        return resolve(match.group(1)) or "", choice.HEADER
    base = _base_stem(stem)
    exact = resolve(base)
    if exact:
        return exact, choice.EXACT
    folded = resolve(base.lower())
    return (folded, choice.ANY_CASE) if folded else None


def exercise_of(path: Path, stem: str, resolve: Resolver) -> str | None:
    """The exercise a file is for (see identify)."""
    identified = identify(path, stem, resolve)
    return identified[0] if identified else None


def _base_stem(stem: str) -> str:
    resubmitted = choice.RESUBMISSION.match(stem)
    return resubmitted["stem"] if resubmitted else stem


def keep(student: Student, exercise: str, candidate: Candidate) -> None:
    """Give ``student`` this file for ``exercise``, or, if they have one already, the one
    choice.py's rule prefers; the other is listed with the reason."""
    current = student.chosen.get(exercise)
    if current is None:
        winner = candidate
    else:
        winner, loser, reason = choice.choose(current, candidate, exercise)
        student.ignored.append(choice.set_aside(loser, winner, exercise, reason))
    student.files[exercise] = winner.path
    student.chosen[exercise] = winner


def _flat_file(path: Path, resolve: Resolver, flat: dict[str, Student],
               found: Discovery) -> None:
    stem = path.stem
    aliases: set[str] = set()
    upload = 0
    canvas = _CANVAS.match(stem)
    if canvas:
        owner, stem = canvas["login"] or canvas["anon"], canvas["rest"]
        aliases, upload = ({canvas["uid"]} if canvas["uid"] else set()), int(canvas["upload"])
        identified = identify(path, stem, resolve)
    else:
        owner, identified = _split_flat(path, stem, resolve)
    if identified is None or not owner:
        found.unmatched.append(path)
        return
    student = flat.setdefault(owner, Student(owner, source=owner))
    student.aliases |= aliases
    keep(student, identified[0], Candidate(path, identified[1], upload))


def _split_flat(path: Path, stem: str, resolve: Resolver
                ) -> tuple[str, tuple[str, str] | None]:
    """`alice_smith_ex3_hinge` → (alice_smith, ex3): the longest exercise name at the end."""
    parts = _base_stem(stem).split("_")
    for i in range(1, len(parts)):
        exercise = resolve("_".join(parts[i:]))
        if exercise is not None:
            return "_".join(parts[:i]), identify(path, "_".join(parts[i:]), resolve)
    # No exercise in the name: the header may still say; the owner is the first part.
    return parts[0] if len(parts) > 1 else "", identify(path, "", resolve)


def _gradescope(root: Path, resolve: Resolver) -> Discovery:
    path = root / GRADESCOPE_METADATA
    try:
        metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: unreadable Gradescope metadata ({type(exc).__name__}); "
                         "download the submissions again or remove the file") from None
    if not isinstance(metadata, dict):
        raise UsageError(f"{path}: expected a mapping of submission folders to their "
                         "submitters; download the submissions again")
    found = Discovery("Gradescope export", [], [], [])
    for folder_name, info in sorted(metadata.items(), key=lambda kv: str(kv[0])):
        folder = root / str(folder_name)
        submitters = (info or {}).get(":submitters") if isinstance(info, dict) else None
        if not folder.is_dir() or folder.is_symlink():
            continue
        people = [s for s in submitters or [] if isinstance(s, dict)] or [{}]
        template = Student(str(folder_name), source=str(folder_name))
        _collect(template, folder, resolve, found)
        for person in people:
            sid, email, name = (str(person.get(k) or "") for k in (":sid", ":email", ":name"))
            student = Student(sid or email or str(folder_name), name,
                              {a.lower() for a in (sid, email, email.split("@")[0], name) if a},
                              dict(template.files), list(template.ignored), str(folder_name),
                              dict(template.chosen))
            found.students.append(student)
    return found
