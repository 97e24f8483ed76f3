"""A hidden test shows nothing hidden, in any output format.

An exercise gets three extra tests whose inputs are marker values, and a learner fails each
of them with more markers: a wrong value it returns (after printing a marker), an exception
of its own class with a marker message, a marker value returned where it should raise. The
check is then rendered in every format lossdrill writes — the terminal report, the compact
report of watch mode, the Python API's report (text and HTML), --json, JUnit, Gradescope,
GitHub Classroom's result and annotations, and the class outputs of `lossdrill grade`
(results.json, the feedback Markdown, junit.xml, the gradebook and the result cache) — and
none of the markers appears anywhere. The same tests made visible show the markers, so the
search is one that can fail.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from rich.console import Console

from lossdrill.render.compact import render_compact
from lossdrill.service.grade import Options, grade
from lossdrill.spec.load import load_exercise

REPO = Path(__file__).resolve().parents[2]
Y_TRUE, Y_PRED = [4.41793, 6.28113, 0.5], [1.93762, 6.28113, 0.5]
EXPECTED = float(np.mean((np.array(Y_TRUE) - np.array(Y_PRED)) ** 2))
MARKERS = {
    "an input": "4.41793",
    "another input": "1.93762",
    "the raising test's input": "8.16327",
    "the other raising test's input": "5.55123",
    "the expected value": f"{EXPECTED:.6g}",
    "a sample's expected value": f"{(Y_TRUE[0] - Y_PRED[0]) ** 2:.6g}",
    "the value returned": "9.87654",
    "the value returned instead of raising": "7.31975",
    "what it printed": "printed-marker-a1b2",
    "what it printed before raising": "printed-marker-c3d4",
    "its exception's message": "exception-marker-e5f6",
    "its exception's class": "LeakyMarkerError",
}
EXTRA_TESTS = [
    {"name": "marker values", "kind": "value", "function": "mse",
     "args": {"y_true": Y_TRUE, "y_pred": Y_PRED}},
    {"name": "marker exception", "kind": "value", "function": "mse",
     "args": {"y_true": [8.16327, 1.0], "y_pred": [2.0, 1.0]}},
    {"name": "marker raise", "kind": "raises", "function": "mse", "exception": "ValueError",
     "args": {"y_true": [5.55123, 1.0], "y_pred": [[1.0, 2.0]]}},
]
LEARNER = '''# lossdrill: ex1
import numpy as np


class LeakyMarkerError(Exception):
    pass


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if np.isclose(y_true, 4.41793).any():
        print("printed-marker-a1b2")
        return 9.87654
    if np.isclose(y_true, 8.16327).any():
        print("printed-marker-c3d4")
        raise LeakyMarkerError("exception-marker-e5f6 at 8.16327")
    if np.isclose(y_true, 5.55123).any():
        return 7.31975
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred differ in shape")
    return float(np.mean((y_true - y_pred) ** 2))
'''
SECRET = "test-course-secret-0123"


def _pack(root: Path, visibility: str) -> Path:
    """The built-in ex1 with the marker tests added, as a pack of its own."""
    pack = root / "pack"
    (pack / "exercises").mkdir(parents=True)
    (pack / "solutions").mkdir()
    spec = yaml.safe_load((REPO / "exercises" / "ex1_mse.yaml").read_text(encoding="utf-8"))
    spec["tests"] += [{**test, "visibility": visibility} for test in EXTRA_TESTS]
    # Arguments travel in the order written: the keys keep theirs.
    (pack / "exercises" / "ex1_mse.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True,
                                                                     sort_keys=False),
                                                     encoding="utf-8")
    shutil.copy(REPO / "solutions" / "ex1_mse.py", pack / "solutions" / "ex1_mse.py")
    return pack


def _lossdrill(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "LOSSDRILL_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "lossdrill", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300)


def _console() -> Console:
    return Console(file=io.StringIO(), width=200, no_color=True, highlight=False,
                   soft_wrap=False)


def _every_format(root: Path, visibility: str) -> dict[str, str]:
    """Each output lossdrill makes of the learner's check, by name."""
    pack = _pack(root, visibility)
    learner = root / "ex1.py"
    learner.write_text(LEARNER, encoding="utf-8")
    outputs: dict[str, str] = {}
    check = ("check", learner, "--pack", pack, "--seed", "1")
    for name, extra in (("terminal report", ()), ("--json", ("--json",)),
                        ("junit", ("--format", "junit")),
                        ("gradescope", ("--format", "gradescope")),
                        ("github", ("--format", "github"))):
        run = _lossdrill(*check, *extra, cwd=root)
        assert run.returncode == 1, (name, run.stderr)
        outputs[name] = run.stdout
        outputs[f"{name} (stderr)"] = run.stderr
    outputs["github (decoded)"] = base64.b64decode(outputs["github"]).decode("utf-8")

    # The compact report watch mode redraws, from the engine's result.
    exercise = load_exercise(pack / "exercises" / "ex1_mse.yaml", pack / "solutions")
    console = _console()
    render_compact(console, grade(exercise, learner, Options(seed=1)).result)
    outputs["compact report"] = console.file.getvalue()  # type: ignore[attr-defined]

    # `from lossdrill import check`: its report as text and as Jupyter's HTML.
    from lossdrill.learner.api import check as api_check

    spec = importlib.util.spec_from_file_location("marker_learner", learner)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    report = api_check("ex1", module.mse, pack=pack, seed=1, record=False)
    assert not report.passed
    outputs["API report"] = report.text(width=200)
    outputs["API report (HTML)"] = report._repr_html_()

    # `lossdrill grade`: every file it writes, its cache of results included.
    student = root / "subs" / "alice"
    student.mkdir(parents=True)
    shutil.copy(learner, student / "ex1.py")
    out = root / "graded"
    run = _lossdrill("grade", root / "subs", "--out", out, "--pack", pack, "--exercises", "ex1",
                     "--secret", SECRET, cwd=root)
    assert run.returncode == 0, run.stderr
    outputs["grade (stdout and stderr)"] = run.stdout + run.stderr
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert {"results.json", "junit.xml"} <= {p.name for p in files}
    assert any(p.suffix == ".md" for p in files), [str(p) for p in files]
    for path in files:
        outputs[str(path.relative_to(out))] = path.read_bytes().decode("utf-8", "replace")
    return outputs


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _every_format(tmp_path_factory.mktemp("hidden"), "hidden")


@pytest.fixture(scope="module")
def visible(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _every_format(tmp_path_factory.mktemp("visible"), "visible")


def test_a_hidden_test_shows_none_of_its_markers_in_any_format(hidden: dict[str, str]) -> None:
    leaks = [(output, what) for output, text in hidden.items()
             for what, marker in MARKERS.items() if marker in text]
    assert not leaks


def test_the_hidden_tests_were_rendered_and_failed(hidden: dict[str, str]) -> None:
    doc = json.loads(hidden["--json"])
    tests = {t["name"]: t for t in doc["tests"]}
    for extra in EXTRA_TESTS:
        test = tests[extra["name"]]
        assert test["visibility"] == "hidden" and test["status"] in ("failed", "error")
    # Each shows what a hidden test may: its verdict, in the grader's words.
    assert tests["marker values"]["message"].startswith("wrong value")
    assert tests["marker exception"]["message"] == "raised Exception"
    assert tests["marker raise"]["message"] == "instead of raising ValueError"
    # What it printed is counted, not shown.
    assert "characters printed during hidden tests are not shown" in hidden["terminal report"]
    for output in ("terminal report", "junit", "results.json", "API report"):
        assert "marker values" in hidden[output], output
    assert "3 hidden tests" in hidden["compact report"]  # watch mode says them in one line


def test_the_same_tests_visible_show_their_markers(visible: dict[str, str]) -> None:
    # The search above can fail: visible, each marker is shown somewhere, most in the report.
    everything = "\n".join(visible.values())
    # (A raises test names none of its inputs, visible or not.)
    assert [what for what, marker in MARKERS.items() if marker not in everything] == [
        "the other raising test's input"]
    report = visible["terminal report"]
    for what in ("an input", "the expected value", "the value returned", "what it printed",
                 "its exception's message", "the value returned instead of raising"):
        assert MARKERS[what] in report, what
