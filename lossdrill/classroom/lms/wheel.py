"""The wheel of the lossdrill that is running, for a template repository to install from: no
package index serves lossdrill, so a student's CI installs the very version the course was
exported with, from the repository itself.

- ``--wheel PATH``: that wheel, checked to be a lossdrill wheel.
- Installed from a wheel (pip install lossdrill-….whl, or of a checkout without -e): the
  wheel is made again from the installed files, as the installation's RECORD lists them (the
  package, its pack and its .dist-info; not the scripts, which pip writes on install, nor
  the byte code it compiled), with a fresh RECORD; the same install gives the same bytes.
- Installed in development mode (pip install -e CHECKOUT), or run from a checkout: the
  installed files are only a pointer to the checkout, so the checkout the running package is
  in is built with `pip wheel --no-deps`.
- Anything else (a copy of the package on PYTHONPATH, say) asks for --wheel or --install.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

import lossdrill
from lossdrill.errors import UsageError
from lossdrill.escape import visible
from lossdrill.i18n import _

_NAME = re.compile(r"^lossdrill-[^-]+(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$")
# Written by the installer, not part of a wheel.
_INSTALLER_FILES = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
_DATE = (2020, 1, 1, 0, 0, 0)


def given_wheel(path: Path) -> Path:
    """``path`` if it is a lossdrill wheel; else a UsageError saying how to make one."""
    where = visible(str(path), one_line=True)
    fix = _("build one with `pip wheel --no-deps .` in a checkout of lossdrill")
    if not path.is_file() or not _NAME.match(path.name):
        raise UsageError(_("--wheel {path}: not a lossdrill wheel file "
                           "(lossdrill-VERSION-py3-none-any.whl); {fix}", path=where, fix=fix))
    try:
        with zipfile.ZipFile(path) as wheel:
            names = set(wheel.namelist())
    except (OSError, zipfile.BadZipFile):
        names = set()
    if "lossdrill/__init__.py" not in names or not any(
            n.endswith(".dist-info/WHEEL") for n in names):
        raise UsageError(_("--wheel {path}: not a lossdrill wheel (no lossdrill package or "
                           ".dist-info in it); {fix}", path=where, fix=fix))
    return path


def running_wheel(folder: Path) -> Path:
    """Write the wheel of the running lossdrill into ``folder``; return its path."""
    package = Path(lossdrill.__file__).resolve().parent
    try:
        dist = metadata.distribution("lossdrill")
    except metadata.PackageNotFoundError:
        dist = None
    if dist is not None:
        record = dist.read_text("RECORD") or ""
        if "lossdrill/__init__.py," in record and (
                Path(str(dist.locate_file("lossdrill/__init__.py"))).resolve()
                == package / "__init__.py"):
            return _rebuilt(dist, record, folder)
    checkout = package.parent
    project = checkout / "pyproject.toml"
    if project.is_file() and re.search(r'(?m)^name\s*=\s*"lossdrill"', _text(project)):
        return _built(checkout, folder)
    raise UsageError(_("cannot make a wheel of the lossdrill running from {package} (not "
                       "installed with pip); pass --wheel PATH, or --install with what CI "
                       "should install", package=visible(str(package), one_line=True)))


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip(
        "=")


def _rebuilt(dist: metadata.Distribution, record: str, folder: Path) -> Path:
    info = next(n for n in (dist.read_text("WHEEL") or "").splitlines() if n.startswith("Tag:"))
    tag = info.split(":", 1)[1].strip()
    wheel_path = folder / f"lossdrill-{dist.version}-{tag}.whl"
    files = []
    for row in csv.reader(io.StringIO(record)):
        name = row[0] if row else ""
        base = name.rsplit("/", 1)[-1]
        if (not name or name.startswith(("..", "/")) or "__pycache__/" in name
                or (".dist-info/" in name and base in _INSTALLER_FILES)):
            continue
        files.append(name)
    dist_info = next(n.split("/")[0] for n in files if ".dist-info/" in n)
    rows = []
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel_path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name in sorted(files):
            data = Path(str(dist.locate_file(name))).read_bytes()
            entry = zipfile.ZipInfo(name, _DATE)
            entry.external_attr = 0o644 << 16
            wheel.writestr(entry, data, zipfile.ZIP_DEFLATED)
            rows.append(f"{name},{_hash(data)},{len(data)}")
        rows.append(f"{dist_info}/RECORD,,")
        entry = zipfile.ZipInfo(f"{dist_info}/RECORD", _DATE)
        entry.external_attr = 0o644 << 16
        wheel.writestr(entry, "\n".join(rows) + "\n", zipfile.ZIP_DEFLATED)
    return wheel_path


def _built(checkout: Path, folder: Path) -> Path:
    with tempfile.TemporaryDirectory() as work:
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                               "--wheel-dir", work, str(checkout)], capture_output=True,
                              text=True, timeout=600, check=False)
        built = sorted(Path(work).glob("lossdrill-*.whl"))
        if done.returncode != 0 or not built:
            last = (done.stderr.strip().splitlines() or ["no wheel was made"])[-1]
            raise UsageError(_("cannot build a wheel of {checkout} ({why}); pass --wheel PATH, "
                               "or --install with what CI should install",
                               checkout=visible(str(checkout), one_line=True),
                               why=visible(last, one_line=True)))
        folder.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(built[0], folder / built[0].name))
