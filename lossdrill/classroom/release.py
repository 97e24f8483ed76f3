"""`lossdrill release OUT/`: a student pack — statements, starters, hints and visible tests,
with the reference's answers to those tests recorded; no reference code, no hidden test, no
mistake variant's code.

Layout of a pack::

    exercises/<stem>.yaml   the spec, its hidden tests removed
    answers/<stem>.json     recorded answers (see answers.py), and how many tests are hidden
    starters/<id>.py        what `lossdrill start` writes
    README.md               how to work in the pack
    lossdrill-pack.json     marks the folder as a release (and lets a new release replace it)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lossdrill import __version__
from lossdrill.classroom.answers import prove_complete, record_answers
from lossdrill.classroom.files import building, inside, writable_output
from lossdrill.errors import SpecError, UsageError
from lossdrill.grading.reference import Reference, answers_path, load_reference
from lossdrill.spec.catalog import Catalog
from lossdrill.spec.model import Exercise
from lossdrill.spec.starter import starter_source

MARKER = "lossdrill-pack.json"


@dataclass(frozen=True)
class Released:
    exercise: Exercise
    visible: int
    hidden: int


class BlockDumper(yaml.SafeDumper):
    """Multi-line text (statements) as readable `|` blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


BlockDumper.add_representer(str, _text)


def public_spec(path: Path) -> str:
    """The spec file without its hidden tests, as YAML text."""
    data = yaml.load(path.read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    data["tests"] = [t for t in data["tests"] if t.get("visibility", "visible") != "hidden"]
    header = (f"# Released by lossdrill {__version__} from {path.name}: visible tests only.\n"
              "# Hidden tests run when your work is graded.\n")
    return header + yaml.dump(data, Dumper=BlockDumper, sort_keys=False, allow_unicode=True,
                              width=100)


def release(catalog: Catalog, out: Path, names: list[str] | None) -> list[Released]:
    pack_root = catalog.pack.exercises_dir.parent
    if inside(out, catalog.pack.exercises_dir) or inside(out, catalog.pack.solutions_dir) \
            or out.resolve() == pack_root.resolve():
        raise UsageError(f"{out}: inside the instructor's pack; choose a folder outside it")
    writable_output(out, MARKER, "release pack")
    exercises = [catalog.get(n) for n in names] if names else catalog.all()
    released: list[Released] = []
    with building(out) as work:
        for ex in exercises:
            live = load_reference(ex)
            if not isinstance(live, Reference):
                raise SpecError(f"{ex.path}: this pack is itself a release (no reference "
                                "code); release from the instructor's pack")
            stem = ex.path.stem
            spec_file = work / "exercises" / f"{stem}.yaml"
            spec_file.parent.mkdir(parents=True, exist_ok=True)
            spec_file.write_text(public_spec(ex.path), encoding="utf-8")
            answers = work / "answers" / f"{stem}.json"
            answers.parent.mkdir(parents=True, exist_ok=True)
            answers.write_text(json.dumps(record_answers(ex, live), separators=(",", ":")),
                               encoding="utf-8")
            copy = _released_exercise(work, spec_file)
            assert answers_path(copy) == answers
            prove_complete(copy, live, answers)
            starter = work / "starters" / f"{ex.id}.py"
            starter.parent.mkdir(parents=True, exist_ok=True)
            starter.write_text(starter_source(ex), encoding="utf-8")
            hidden = sum(t.visibility == "hidden" for t in ex.tests)
            released.append(Released(ex, len(ex.tests) - hidden, hidden))
        (work / "README.md").write_text(_readme(released), encoding="utf-8")
        (work / MARKER).write_text(json.dumps(_manifest(released), indent=1), encoding="utf-8")
    return released


def _released_exercise(work: Path, spec_file: Path) -> Exercise:
    from lossdrill.spec.load import load_exercise

    return load_exercise(spec_file, work / "solutions")


def _manifest(released: list[Released]) -> dict[str, Any]:
    return {"lossdrill": __version__, "kind": "student pack",
            "exercises": [{"id": r.exercise.id, "slug": r.exercise.slug,
                           "visible_tests": r.visible, "hidden_tests": r.hidden}
                          for r in released]}


def _readme(released: list[Released]) -> str:
    rows = "\n".join(f"| {r.exercise.id} | `{r.exercise.slug}` | {r.exercise.title} | "
                     f"{r.visible} | {r.hidden} |" for r in released)
    return f"""# Exercises

Your instructor's exercises for lossdrill. Work in this folder:

```bash
export LOSSDRILL_EXERCISES="$PWD"     # or pass --pack PATH to each command
lossdrill list
lossdrill show {released[0].exercise.id if released else "ex1"}
cp starters/{released[0].exercise.id if released else "ex1"}.py .   # or `lossdrill start ID`
lossdrill check {released[0].exercise.id if released else "ex1"}.py
```

`lossdrill check` runs the visible tests here, offline, and names your mistakes. The hidden
tests (random inputs of their own for each student) run when your work is graded.

| id | slug | title | visible tests | hidden tests |
|---|---|---|---|---|
{rows}
"""
