"""Test-session set-up shared by every file."""

from __future__ import annotations

import fcntl
import os
import sys
import tempfile
from pathlib import Path

import pytest
from wheel_install import build_wheel_env

# Validated specs are cached per user; the suite keeps its own cache (inherited by the
# command-line runs it starts) rather than writing to the user's.
os.environ.setdefault("LOSSDRILL_CACHE", tempfile.mkdtemp(prefix="lossdrill-test-cache-"))


@pytest.fixture(scope="session")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lossdrill as a user installs it: a wheel of this checkout in a fresh venv under the
    system temp folder. ``LOSSDRILL_WHEEL_ENV`` names such a venv built already (CI builds one
    before the tests)."""
    given = os.environ.get("LOSSDRILL_WHEEL_ENV")
    if given:
        return Path(given).resolve()
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build_wheel_env(tmp_path_factory.mktemp("wheel"))
    # Tests spread over processes (pytest-xdist) share one wheel install, built by the first
    # that needs it, in the run's common temp folder.
    root = tmp_path_factory.getbasetemp().parent / "wheel"
    with open(f"{root}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "built").exists():
            root.mkdir(exist_ok=True)
            build_wheel_env(root)
            (root / "built").touch()
    return root / "venv"


@pytest.fixture(scope="module", params=["checkout", "wheel"])
def lossdrill_command(request: pytest.FixtureRequest) -> list[str]:
    """The lossdrill to run as a user does: this checkout's, then a wheel install's."""
    if request.param == "checkout":
        return [sys.executable, "-m", "lossdrill"]
    return [str(request.getfixturevalue("wheel_env") / "bin" / "lossdrill")]
