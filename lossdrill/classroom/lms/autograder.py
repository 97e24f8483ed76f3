"""Inside Gradescope: grade ``ROOT/submission`` and write ``ROOT/results/results.json``.

Run by the bundle's run_autograder as ``python -m lossdrill.classroom.lms.autograder ROOT SOURCE``.
Every exercise of the bundle is graded (a missing file scores 0 and says which name to use);
the student's seed derives from the bundle's secret and their Gradescope id. Whatever goes
wrong, a results.json is written: Gradescope shows nothing useful without one.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from lossdrill.classroom.files import write_atomic
from lossdrill.classroom.grade import unavailable
from lossdrill.classroom.layout import SUFFIXES, exercise_of
from lossdrill.classroom.plan import resolver
from lossdrill.classroom.seeds import student_seed
from lossdrill.grading.results import CheckResult, CheckStatus, Diagnosis
from lossdrill.render import formats as export
from lossdrill.spec.catalog import Catalog, Pack


def student_id(root: Path) -> str:
    """The submitter's id from Gradescope's submission_metadata.json."""
    try:
        data = json.loads((root / "submission_metadata.json").read_text(encoding="utf-8"))
        user = data["users"][0]
        return str(user.get("sid") or user.get("email") or user.get("id") or data.get("id"))
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return "anonymous"


def submitted_files(folder: Path, names: dict[str, str]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    paths = [p for p in folder.rglob("*") if p.suffix in SUFFIXES] if folder.is_dir() else []
    for path in sorted(paths):
        if path.is_symlink() or any(p.startswith(".") or p == "__pycache__"
                                    for p in path.relative_to(folder).parts):
            continue
        exercise = exercise_of(path, path.stem, names.get)
        if exercise is not None and exercise not in found:
            found[exercise] = path
    return found


def grade_submission(root: Path, source: Path) -> dict[str, Any]:
    from lossdrill.service.grade import grade
    from lossdrill.service.launcher import Launcher
    from lossdrill.service.options import Options

    config = json.loads((source / "lossdrill-autograder.json").read_text(encoding="utf-8"))
    catalog = Catalog(Pack(source / "pack" / "exercises", source / "pack" / "solutions"))
    submission = root / "submission"
    files = submitted_files(submission, resolver(catalog))
    student = student_id(root)
    results: list[CheckResult] = []
    started = time.monotonic()
    with Launcher() as launcher:
        for ident in config["exercises"]:
            ex = catalog.get(ident)
            seed = student_seed(config["secret"], student, ex.id)
            path = files.get(ex.id)
            if path is None:
                results.append(unavailable(ex, "", CheckStatus.ERROR, Diagnosis(
                    "no-submission", f"no file for {ex.id} was submitted: name it {ex.id}.py "
                    f"(or {ex.slug}.py), or start it with `# lossdrill: {ex.id}`"), seed))
                continue
            options = Options(seed=seed, timeout=config.get("timeout"),
                              label=str(path.relative_to(submission)))
            results.append(grade(ex, path, options, launcher).result)
    return export.gradescope_results(results, hidden=config.get("hidden_visibility",
                                                                 "after_published"),
                                     execution_time=time.monotonic() - started)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path("/autograder")
    source = Path(args[1]) if len(args) > 1 else root / "source"
    try:
        doc = grade_submission(root, source)
    except Exception as exc:  # noqa: BLE001  (the student must see a result, not nothing)
        traceback.print_exc()
        doc = {"score": 0.0, "output": f"The autograder failed: {type(exc).__name__}: {exc}. "
               "Tell your instructor.", "stdout_visibility": "hidden", "tests": []}
    write_atomic(root / "results" / "results.json", json.dumps(doc, indent=1,
                                                               ensure_ascii=False))
    import lossdrill

    print(f"lossdrill {lossdrill.__version__} from {Path(lossdrill.__file__).parent}: score "
          f"{doc['score']:g}, {len(doc['tests'])} tests, in {root / 'results' / 'results.json'}")


if __name__ == "__main__":
    main()
