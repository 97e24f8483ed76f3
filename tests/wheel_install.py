"""lossdrill installed as a user installs it, for the tests that must hold there: a wheel of
this checkout in a fresh venv (with the ``lib64 -> lib`` link venvs have), run from a folder
outside the checkout, with nothing of the checkout on its path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build_wheel_env(root: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(root / "dist"), str(REPO)], check=True,
                   capture_output=True)
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    wheels = [str(p) for p in (root / "dist").glob("lossdrill-*.whl")]
    subprocess.run([str(root / "venv" / "bin" / "pip"), "install", "--quiet", *wheels],
                   check=True, capture_output=True)
    return root / "venv"


def wheel_environment(home: Path) -> dict[str, str]:
    """The environment of a run of the installed lossdrill: the user's, without this
    checkout's Python settings, with a home of its own."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "XDG_", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), NO_COLOR="1")
    return env


def installed_package(venv: Path) -> Path:
    """Where the wheel put the lossdrill package (its pack inside it)."""
    found = sorted(venv.glob("lib/python*/site-packages/lossdrill"))
    assert found, f"no lossdrill package in {venv}"
    return found[0]
