"""The console entry's CLI run in the test process (lossdrill.cli.app.main, with its handler of
bad input), for the many short runs a subprocess each would make slow."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from lossdrill.cli import app as cli


def run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
             *args: str | Path) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `lossdrill ARGS`."""
    monkeypatch.setattr(sys, "argv", ["lossdrill", *map(str, args)])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    out, err = capsys.readouterr()
    code: Any = exited.value.code
    return int(code or 0), out, err
