"""The report's wording: numbers with the digits that tell them apart, a cut sample list that
says so, an unwritten function said alike on visible and hidden rows."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from lossdrill.grading.compare import abbreviate_apart
from lossdrill.grading.results import CheckResult, Pinpoint, SampleRow, TestResult
from lossdrill.i18n import set_language
from lossdrill.render.terminal import render_check, summary_text

LEARNERS = Path(__file__).resolve().parents[1] / "learners"


def test_large_vectors_that_differ_are_printed_apart() -> None:
    y_true = np.array([1e8, -2e8, 3e8])
    y_pred = y_true + np.array([0.5, -2.0, 2.0])
    shown_true, shown_pred = abbreviate_apart([y_true, y_pred])
    assert shown_true != shown_pred
    assert "1.00000000e+08" in shown_pred or "100000000.5" in shown_pred


def test_elements_of_one_array_that_differ_read_differently() -> None:
    (shown,) = abbreviate_apart([np.array([1e8, 1e8 + 0.25, 1e8 + 0.5])])
    assert len(set(shown.strip("[]").split())) == 3


def test_the_shortest_digits_that_suffice() -> None:
    # Six significant digits when they tell the values apart, as before.
    assert abbreviate_apart([np.array([0.1, 0.25]), 2.5, 2.1666666666]) == [
        "[0.1  0.25]", "2.5", "2.16667"]
    # Up to the round-trip form when nothing less does.
    a, b = 0.1 + 0.2, 0.3
    shown = abbreviate_apart([a, b])
    assert shown[0] != shown[1] and float(shown[0]) == a and float(shown[1]) == b


def test_a_check_prints_the_inputs_of_large_values_apart(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "lossdrill", "check",
                             LEARNERS / "ex1" / "mistake_low-precision.py", "--seed", "1"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    lines = result.stdout.splitlines()
    start = lines.index("✗ large values, small errors")
    inputs = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
              for line in lines[start:start + 8] if line.strip().startswith("input ")}
    assert inputs["input y_true"] != inputs["input y_pred"], result.stdout


def _result(tests: list[TestResult]) -> CheckResult:
    return CheckResult("ex1", "mse", "Mean squared error", "ex1.py", "failed", 0, len(tests), 1,
                       tests, [], "", 0.1)


def _render(result: CheckResult) -> str:
    out = io.StringIO()
    render_check(Console(file=out, width=100, color_system=None), result)
    return out.getvalue()


def test_a_cut_sample_list_says_how_many_it_shows() -> None:
    rows = [SampleRow(i, {"y_true": f"[{i}.]", "y_pred": f"[{i + 1}.]"}, "1", "2")
            for i in range(3)]
    cut = TestResult("t", "value", "visible", "failed", 0, 1, "expected 1, got 2",
                     pinpoint=Pinpoint("every sample is off", 40, 50, rows))
    whole = TestResult("u", "value", "visible", "failed", 0, 1, "expected 1, got 2",
                       pinpoint=Pinpoint("every sample is off", 3, 3, rows))
    text = _render(_result([cut, whole]))
    assert "sample by sample (reference → yours), 3 of the 40 that differ:" in text
    assert text.count("sample by sample (reference → yours):") == 1  # the whole one
    set_language("zh")
    try:
        assert "共 40 个不同，显示其中 3 个" in _render(_result([cut]))
    finally:
        set_language(None)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unwritten_function_reads_the_same_on_visible_and_hidden_rows(
        tmp_path: Path, lang: str) -> None:
    (tmp_path / "ex1.py").write_text("def mse(y_true, y_pred):\n"
                                     "    # TODO: your code here\n"
                                     "    raise NotImplementedError\n")
    result = subprocess.run([sys.executable, "-m", "lossdrill", "--lang", lang, "check",
                             "ex1.py", "--seed", "1", "--json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    import json

    doc = json.loads(result.stdout)
    tests = [TestResult(t["name"], t["kind"], t["visibility"], t["status"], t["score"],
                        t["max_score"], t["message"]) for t in doc["tests"]
             if t["kind"] == "value"]
    set_language(lang)
    try:
        said = {summary_text(t) for t in tests}
    finally:
        set_language(None)
    assert len({t.visibility for t in tests}) == 2  # visible and hidden rows both
    assert said == {"raised NotImplementedError" if lang == "en" else
                    "抛出了 NotImplementedError"}, said
