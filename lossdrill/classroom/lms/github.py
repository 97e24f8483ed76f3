"""`lossdrill export github-classroom OUT/`: a template repository for GitHub Classroom.

It holds the student pack (visible tests with recorded answers, no reference, no hidden test),
a starter per exercise at the top, and:

- ``.github/workflows/classroom.yml``: one graded step per exercise running
  ``lossdrill check exN.py --format github``, whose stdout is the `result` GitHub Classroom's
  autograding reporter reads (base64 JSON with each test's score: partial credit per test);
  the reporter step sums them for the classroom.
- ``.github/classroom/autograding.json``: the same steps in the classic format of the
  `education/autograding` action (all or nothing per exercise, as that action scores).

No package index serves lossdrill, so the template carries the wheel it was exported with
(``lossdrill-wheel/``: the running lossdrill's, made by wheel.py, or the one ``--wheel``
names) and both files install from it; ``--install`` replaces it with anything pip accepts.

Hidden tests cannot run in a student's own repository; grade the collected repositories with
`lossdrill grade` for them.
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from lossdrill.classroom.files import writable_output, write_atomic
from lossdrill.classroom.lms.wheel import given_wheel, running_wheel
from lossdrill.classroom.release import BlockDumper, release
from lossdrill.spec.catalog import Catalog
from lossdrill.spec.model import Exercise
from lossdrill.spec.starter import starter_source

WORKFLOW = ".github/workflows/classroom.yml"
AUTOGRADING = ".github/classroom/autograding.json"
PACK = "lossdrill-pack"  # the student pack, inside the template repository
WHEEL_DIR = "lossdrill-wheel"  # the wheel CI installs, inside the template repository
STEP_TIMEOUT_MINUTES = 10


def visible_points(ex: Exercise) -> float:
    return sum(t.points for t in ex.tests if t.visibility == "visible")


def _fallback(ex: Exercise) -> str:
    """The runner result when the file is missing or not gradable (lossdrill then exits 2
    with nothing on stdout): no points, and why."""
    message = f"{ex.id}.py is missing or could not be graded: run `lossdrill check {ex.id}.py`"
    result = {"version": 1, "status": "error", "max_score": _number(visible_points(ex)),
              "tests": [{"name": f"{ex.id} · {ex.title}", "status": "error", "score": 0,
                         "message": message}]}
    text = json.dumps(result, separators=(",", ":"))
    return base64.b64encode(text.encode()).decode("ascii")


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def step_command(ex: Exercise) -> str:
    return (f"lossdrill check {ex.id}.py --exercise {ex.id} --pack {PACK} --format github")


def workflow(exercises: list[Exercise], install: str) -> dict[str, Any]:
    steps: list[dict[str, Any]] = [
        {"name": "Checkout code", "uses": "actions/checkout@v4"},
        {"name": "Set up Python", "uses": "actions/setup-python@v5",
         "with": {"python-version": "3.12"}},
        {"name": "Install lossdrill", "run": f"python -m pip install {install}"},
    ]
    for ex in exercises:
        steps.append({
            "name": f"{ex.id} · {ex.title} ({visible_points(ex):g} points)",
            "id": ex.id,
            "timeout-minutes": STEP_TIMEOUT_MINUTES,
            "run": (f"result=$({step_command(ex)}) || true\n"
                    f"echo \"result=${{result:-{_fallback(ex)}}}\" >> \"$GITHUB_OUTPUT\"\n"),
        })
    steps.append({
        "name": "Autograding Reporter",
        "uses": "classroom-resources/autograding-grading-reporter@v1",
        "env": {f"{ex.id.upper()}_RESULTS": f"${{{{steps.{ex.id}.outputs.result}}}}"
                for ex in exercises},
        "with": {"runners": ",".join(ex.id for ex in exercises)},
    })
    return {
        "name": "Autograding Tests",
        "on": ["push", "repository_dispatch", "workflow_dispatch"],
        "permissions": {"checks": "write", "actions": "read", "contents": "read"},
        "jobs": {"run-autograding-tests": {
            "runs-on": "ubuntu-latest",
            "if": "github.actor != 'github-classroom[bot]'",
            "steps": steps,
        }},
    }


def autograding(exercises: list[Exercise], install: str) -> dict[str, Any]:
    return {"tests": [{
        "name": f"{ex.id} · {ex.title}",
        "setup": f"python -m pip install {install}",
        "run": f"lossdrill check {ex.id}.py --exercise {ex.id} --pack {PACK}",
        "input": "", "output": "", "comparison": "included",
        "timeout": STEP_TIMEOUT_MINUTES, "points": _number(visible_points(ex)),
    } for ex in exercises]}


def write_template(catalog: Catalog, exercises: list[Exercise], out: Path,
                   install: str | None, wheel: Path | None = None) -> None:
    """``install``: what CI installs, as pip takes it; None: the wheel (``wheel``, else the
    running lossdrill's), carried in the template."""
    writable_output(out, WORKFLOW, "GitHub Classroom template")
    with tempfile.TemporaryDirectory() as work:
        # Made first: a wheel that cannot be had leaves nothing written.
        carried = None if install is not None else (
            given_wheel(wheel) if wheel is not None else running_wheel(Path(work)))
        shutil.rmtree(out / WHEEL_DIR, ignore_errors=True)  # a wheel of an earlier export
        if carried is not None:
            (out / WHEEL_DIR).mkdir(parents=True)
            shutil.copy2(carried, out / WHEEL_DIR / carried.name)
            install = f"./{WHEEL_DIR}/{carried.name}"
    assert install is not None
    release(catalog, out / PACK, [e.id for e in exercises])
    for ex in exercises:
        starter = out / f"{ex.id}.py"
        if not starter.exists():  # a re-export keeps what the instructor edited
            write_atomic(starter, starter_source(ex))
    # PyYAML quotes the `on` key itself (YAML 1.1 would read a bare `on` as true).
    write_atomic(out / WORKFLOW, yaml.dump(workflow(exercises, install), Dumper=BlockDumper,
                                           sort_keys=False, width=200, allow_unicode=True))
    write_atomic(out / AUTOGRADING, json.dumps(autograding(exercises, install), indent=2,
                                               ensure_ascii=False) + "\n")
    readme = out / "README.md"
    if not readme.exists() or _ours(readme, exercises):
        write_atomic(readme, _readme(exercises, install))


def _ours(readme: Path, exercises: list[Exercise]) -> bool:
    """Whether ``readme`` is the one an earlier export wrote, unedited but for its install
    line (which this export may change); an edited one is the instructor's to keep."""
    try:
        text = readme.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    before, _, after = _readme(exercises, "\0").partition("\0")
    middle = text[len(before):len(text) - len(after)]
    return (len(text) > len(before) + len(after) and text.startswith(before)
            and text.endswith(after) and "\n" not in middle)


def _readme(exercises: list[Exercise], install: str) -> str:
    rows = "\n".join(f"- `{ex.id}.py`: {ex.title} ({visible_points(ex):g} points here)"
                     for ex in exercises)
    return f"""# Assignment

Write your code in these files, then check it (offline) with

```bash
python -m pip install {install}
lossdrill check {exercises[0].id if exercises else "ex1"}.py --pack {PACK}
```

{rows}

Every push runs the same checks on GitHub (the Actions tab shows the report). Hidden tests
run when your instructor grades the class.
"""
