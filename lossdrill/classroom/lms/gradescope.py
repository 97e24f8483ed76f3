"""`lossdrill export gradescope OUT/`: an autograder bundle for Gradescope.

Gradescope builds an image from the zip (running ``setup.sh`` once), then for every
submission runs ``run_autograder`` with the student's files in ``/autograder/submission`` and
reads ``/autograder/results/results.json``
(https://gradescope-autograders.readthedocs.io/en/latest/specs/). The bundle carries lossdrill
itself, the exercises with their references (Gradescope never shows the bundle to students),
and a config; setup.sh installs lossdrill's dependencies. ``AUTOGRADER_ROOT`` moves the
/autograder tree (for testing the bundle on a fake one); ``LOSSDRILL_PYTHON`` picks the
interpreter.
"""

from __future__ import annotations

import json
import secrets
import shutil
import zipfile
from importlib import metadata
from pathlib import Path

from lossdrill.classroom.files import building, writable_output
from lossdrill.spec.catalog import Catalog
from lossdrill.spec.model import Exercise

HIDDEN_CHOICES = ("after_published", "after_due_date", "hidden")
CONFIG = "lossdrill-autograder.json"
ARCHIVE = "autograder.zip"
_PACKAGE = Path(__file__).resolve().parents[2]

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, while it builds the autograder image: install Python and
# lossdrill's dependencies. lossdrill itself travels in this bundle (source/lossdrill).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v python3 >/dev/null 2>&1 || ! python3 -m pip --version >/dev/null 2>&1; then
    apt-get update
    apt-get install -y --no-install-recommends python3 python3-pip
fi
python3 -m pip install --break-system-packages -r requirements.txt 2>/dev/null \\
    || python3 -m pip install -r requirements.txt
PYTHONPATH="$(pwd)" python3 -m lossdrill --help >/dev/null
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission: grade /autograder/submission with lossdrill and
# write /autograder/results/results.json. AUTOGRADER_ROOT moves the tree (tests use a fake one).
root="${AUTOGRADER_ROOT:-/autograder}"
source_dir="$root/source"
if [ ! -f "$source_dir/lossdrill-autograder.json" ]; then
    source_dir="$(cd "$(dirname "$0")" && pwd)"
fi
mkdir -p "$root/results"
cd "$root"
PYTHONPATH="$source_dir${PYTHONPATH:+:$PYTHONPATH}" \\
    exec "${LOSSDRILL_PYTHON:-python3}" -m lossdrill.classroom.lms.autograder "$root" "$source_dir"
"""


def requirements() -> str:
    try:
        needs = [r for r in metadata.requires("lossdrill") or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:
        needs = []
    return "\n".join(needs or ["typer>=0.12", "rich>=13", "numpy>=1.24", "pyyaml>=6",
                               "pydantic>=2.5"]) + "\n"


def write_bundle(catalog: Catalog, exercises: list[Exercise], out: Path, *, secret: str | None,
                 hidden: str, timeout: float | None) -> Path:
    writable_output(out, CONFIG, "Gradescope bundle")
    with building(out) as work:
        shutil.copytree(_PACKAGE, work / "lossdrill",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "pack"))
        for ex in exercises:
            for source, folder in ((ex.path, "exercises"), (ex.solution_path, "solutions")):
                target = work / "pack" / folder / source.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        config = {"exercises": [e.id for e in exercises], "hidden_visibility": hidden,
                  "secret": secret or secrets.token_hex(16), "timeout": timeout}
        (work / CONFIG).write_text(json.dumps(config, indent=1), encoding="utf-8")
        (work / "requirements.txt").write_text(requirements(), encoding="utf-8")
        for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
            (work / name).write_text(text, encoding="utf-8")
            (work / name).chmod(0o755)
        _zip(work, work / ARCHIVE)
    return out / ARCHIVE


def _zip(folder: Path, archive: Path) -> None:
    """The files at the root of the archive, as Gradescope requires (not the folder)."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path == archive or path.is_dir():
                continue
            info = zipfile.ZipInfo(str(path.relative_to(folder)))
            info.external_attr = (path.stat().st_mode & 0o777) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.date_time = (2020, 1, 1, 0, 0, 0)
            zf.writestr(info, path.read_bytes())
