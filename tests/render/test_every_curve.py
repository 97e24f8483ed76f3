"""A curve for every loss of one variable: ex4 (RMSE and MAE), ex5 (Huber, two δ marked),
ex11 (BCE on logits), ex12 (perceptron), ex13 (multiclass hinge), ex21 (contrastive, both
labels), ex22 (triplet). Each reference curve against the formula computed apart from the
reference (scikit-learn, SciPy, or the formula written out); `show --plot` of each; a failing
fixture of each drawing its curve under the check, visibly apart from the reference's; and
the plot key's new parts (a series' own function, origin + x·direction, marks) refused with
one line when wrong.
"""

from __future__ import annotations

import io
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from rich.console import Console
from scipy.spatial.distance import euclidean
from scipy.special import huber, log_expit
from sklearn.metrics import mean_absolute_error, mean_squared_error

from lossdrill.errors import SpecError
from lossdrill.grading.curves import Curve, Mark, Sweep, reference_sweep
from lossdrill.render.plots import render_sweep
from lossdrill.render.terminal import render_check
from lossdrill.service.grade import Options, grade, learner_sweep
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.load import load_exercise

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CURVED = ("ex4", "ex5", "ex11", "ex12", "ex13", "ex21", "ex22")
# A mistake per exercise that bends its curve, and the series it bends.
BENT = {"ex4": ("mistake_rmse-without-sqrt.py", "RMSE"),
        "ex5": ("mistake_hard-coded-delta.py", "δ = 2"),
        "ex11": ("mistake_wrong-sign-zy.py", "y = 1"),
        "ex12": ("mistake_hinge-instead.py", ""),
        "ex13": ("mistake_max-instead-of-sum.py", ""),
        "ex21": ("mistake_swapped-roles.py", "similar pair (same = 1)"),
        "ex22": ("mistake_swapped-positive-negative.py", "")}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(find_pack(REPO))


def by_series(sweep: Sweep, role: str = "reference") -> dict[str, np.ndarray]:
    return {c.series: np.array(c.y) for c in sweep.curves if c.role == role}


# -- each reference curve, computed apart ---------------------------------------------------


def test_every_loss_of_one_variable_has_a_curve(catalog: Catalog) -> None:
    for exercise in CURVED:
        ex = catalog.get(exercise)
        assert ex.plot is not None, exercise
        assert set(ex.plot.functions()) <= set(ex.function_names), exercise


def test_ex4_rmse_and_mae_of_two_residuals(catalog: Catalog) -> None:
    sweep = reference_sweep(catalog.get("ex4"))
    curves = by_series(sweep)
    assert sweep.function == "rmse, mae"
    rmse = [math.sqrt(mean_squared_error([0.0, 0.0], [x, 1.0])) for x in sweep.x]
    mae = [mean_absolute_error([0.0, 0.0], [x, 1.0]) for x in sweep.x]
    assert np.allclose(curves["RMSE"], rmse) and np.allclose(curves["MAE"], mae)
    assert not np.allclose(rmse, mae)  # two residuals, so the two metrics part


def test_ex5_huber_for_two_deltas_with_the_deltas_marked(catalog: Catalog) -> None:
    sweep = reference_sweep(catalog.get("ex5"))
    curves = by_series(sweep)
    r = np.array(sweep.x)
    assert np.allclose(curves["δ = 1"], huber(1.0, r))
    assert np.allclose(curves["δ = 2"], huber(2.0, r))
    assert sorted(m.x for m in sweep.marks) == [-2.0, -1.0, 1.0, 2.0]
    assert {m.label for m in sweep.marks} == {"|e| = δ = 1", "|e| = δ = 2"}


def test_ex11_bce_on_logits_for_each_label(catalog: Catalog) -> None:
    sweep = reference_sweep(catalog.get("ex11"))
    curves = by_series(sweep)
    z = np.array(sweep.x)
    assert np.allclose(curves["y = 1"], -log_expit(z), rtol=1e-12, atol=1e-300)
    assert np.allclose(curves["y = 0"], -log_expit(-z), rtol=1e-12, atol=1e-300)
    assert np.isfinite(curves["y = 0"]).all() and curves["y = 0"][-1] == pytest.approx(40.0)


def test_ex12_perceptron_against_the_margin(catalog: Catalog) -> None:
    sweep = reference_sweep(catalog.get("ex12"))
    expected = [max(0.0, -m) for m in sweep.x]
    assert np.allclose(sweep.curves[0].y, expected)


def test_ex13_weston_watkins_against_the_margin(catalog: Catalog) -> None:
    sweep = reference_sweep(catalog.get("ex13"))
    expected = []
    for x in sweep.x:
        scores, true = [x, 0.0, -0.5], 0
        expected.append(sum(max(0.0, s - scores[true] + 1.0)
                            for j, s in enumerate(scores) if j != true))
    assert np.allclose(sweep.curves[0].y, expected)
    # Two rivals: kinks at margins 0.5 and 1, the slope −2 below them.
    assert sweep.curves[0].y[0] == pytest.approx(5.5)


def test_ex21_contrastive_for_both_labels(catalog: Catalog) -> None:
    sweep = reference_sweep(catalog.get("ex21"))
    curves = by_series(sweep)
    d = np.array(sweep.x)
    assert np.allclose(curves["similar pair (same = 1)"], [0.5 * v * v for v in d])
    assert np.allclose(curves["dissimilar pair (same = 0)"],
                       [0.5 * max(0.0, 1.0 - v) ** 2 for v in d])
    assert [m.x for m in sweep.marks] == [1.0]


def test_ex22_triplet_against_the_difference_of_distances(catalog: Catalog) -> None:
    sweep = reference_sweep(catalog.get("ex22"))
    expected = []
    for x in sweep.x:
        a, p, n = [0.0], [2.0 + x], [2.0]
        expected.append(max(0.0, euclidean(a, p) - euclidean(a, n) + 1.0))
        assert euclidean(a, p) - euclidean(a, n) == pytest.approx(x)  # x is what it says
    assert np.allclose(sweep.curves[0].y, expected)


# -- show --plot, for each ------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    scrubbed = ("LOSSDRILL_EXERCISES", "LOSSDRILL_LANG", "NO_COLOR", "FORCE_COLOR", "COLUMNS")
    return {**{k: v for k, v in os.environ.items() if k not in scrubbed}, **extra}


@pytest.mark.parametrize("exercise", CURVED)
def test_show_plot_draws_the_reference_curve(tmp_path: Path, catalog: Catalog,
                                             exercise: str) -> None:
    result = subprocess.run([sys.executable, "-m", "lossdrill", "show", exercise, "--plot"],
                            cwd=tmp_path, env=_env(), capture_output=True, text=True,
                            timeout=90)
    assert result.returncode == 0, result.stderr
    sweep = reference_sweep(catalog.get(exercise))
    title = f"{sweep.function} against {sweep.xlabel}"
    assert title in result.stdout
    table = result.stdout.split(title, 1)[1]
    rows = [line.split() for line in table.splitlines() if re.match(r"\s+-?\d", line)]
    assert len(rows) == 11
    # First and last rows: x, then each series' reference value, as the table prints them.
    for row, i in ((rows[0], 0), (rows[-1], len(sweep.x) - 1)):
        assert float(row[0]) == pytest.approx(sweep.x[i])
        assert [float(v) for v in row[1:]] == pytest.approx(
            [c.y[i] for c in sweep.curves], rel=1e-3, abs=1e-12)
    for mark in sweep.marks:
        assert mark.label in table


def test_show_plot_in_chinese_labels_the_axis_and_series(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "lossdrill", "--lang", "zh", "show", "ex21",
                             "--plot"], cwd=tmp_path, env=_env(), capture_output=True,
                            text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    assert "contrastive_loss 随 距离 d 的变化" in result.stdout
    assert "参考答案 (相似对（same = 1）)" in result.stdout
    assert "┊ margin（间隔）（x = 1）" in result.stdout


# -- a failing fixture draws its curve under the check --------------------------------------


def terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=100, color_system=None,
                   highlight=False)


@pytest.mark.parametrize("exercise", CURVED)
def test_a_failing_fixture_draws_its_curve_apart_from_the_reference(
        catalog: Catalog, exercise: str) -> None:
    fixture, series = BENT[exercise]
    graded = grade(catalog.get(exercise), (LEARNERS / exercise / fixture).resolve(),
                   Options(seed=1, timeout=10, plot=True))
    assert graded.result.status == "failed" and graded.sweep is not None
    sweep = graded.sweep
    reference, mine = by_series(sweep)[series], by_series(sweep, "learner")[series]
    # Visibly apart: somewhere by a tenth of the reference's own span at least.
    span = np.nanmax(reference) - np.nanmin(reference)
    gap = np.nanmax(np.abs(mine - reference))
    assert gap >= 0.1 * span, (exercise, gap, span)
    console = terminal()
    render_check(console, graded.result, sweep=sweep)
    shown = ANSI.sub("", console.file.getvalue())  # type: ignore[attr-defined]
    drawn = shown.split("against the reference's", 1)
    assert len(drawn) == 2, shown  # the curve comes after the check's report
    assert "┤" in drawn[1] and sweep.xlabel in drawn[1]
    label = f"yours ({series})" if series else "yours"
    assert f"{label} leaves the reference where" in " ".join(drawn[1].split())


def test_a_fixture_with_one_of_two_functions_draws_that_one(tmp_path: Path,
                                                            catalog: Catalog) -> None:
    learner = tmp_path / "ex4.py"
    learner.write_text("import numpy as np\n"
                       "def rmse(y_true, y_pred):\n"
                       "    return float(np.mean((np.asarray(y_pred) - y_true) ** 2))\n")
    # (A check reports the missing function as an error; the sweep draws what is there.)
    sweep = learner_sweep(catalog.get("ex4"), learner.resolve())
    assert sweep is not None
    assert [c.series for c in sweep.curves if c.role == "learner"] == ["RMSE"]


# -- drawing the new parts ------------------------------------------------------------------


def _sweep(series: int, learner_offset: float = 0.0) -> Sweep:
    x = list(np.linspace(-2.0, 2.0, 41))
    curves = [Curve("reference", f"γ = {k}", [v * v + k for v in x]) for k in range(series)]
    if learner_offset:
        curves.append(Curve("learner", "γ = 1", [v * v + 1 + (learner_offset if v > 0.5
                                                              else 0.0) for v in x]))
    return Sweep("focal_loss", "p", x, curves, [Mark(1.0, "δ")])


def test_a_family_of_five_curves_gets_five_marks_and_the_threshold_its_line() -> None:
    console = terminal()
    render_sweep(console, _sweep(5), "five")
    text = console.file.getvalue()  # type: ignore[attr-defined]
    canvas, legend = text.split("⠒⠒ reference (γ = 0)", 1)
    legend = " ".join(("⠒⠒ reference (γ = 0)" + legend).split())  # the legend may wrap
    marks = re.findall(r"(\S\S) reference \(γ = \d\)", legend)
    assert len(marks) == 5 and len(set(marks)) == 5
    assert "┊ δ (x = 1)" in legend
    assert "┊" in canvas  # the mark's line across the canvas


def test_the_learner_shows_where_it_leaves_the_reference() -> None:
    console = terminal()
    render_sweep(console, _sweep(2, learner_offset=3.0), "one off")
    text = console.file.getvalue()  # type: ignore[attr-defined]
    canvas = [line for line in text.splitlines() if "│" in line or "┤" in line]
    columns = [line.index("x") for line in canvas if "x" in line]  # the 2nd series' mark
    left = min(line.index("┤") if "┤" in line else line.index("│") for line in canvas)
    right = max(line.rindex("│") for line in canvas)
    # Drawn under the reference: the learner's marks only right of x = 0.5 (5/8 across).
    assert columns and min(columns) > left + (right - left) * 0.55
    said = " ".join(text.split())
    assert "yours (γ = 1) leaves the reference where p is in [0.6, 2]" in said


# -- the plot key, refused when wrong -------------------------------------------------------


def _spec_with_plot(tmp_path: Path, stem: str, **changes: object) -> Path:
    data = yaml.safe_load((REPO / "exercises" / f"{stem}.yaml").read_text(encoding="utf-8"))
    data["plot"] = {**data["plot"], **changes}
    path = tmp_path / "exercises" / f"{stem}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("stem", "changes", "message"), [
    ("ex4_rmse_mae", {"series": [{"label": "R", "function": "rmsd"}]},
     "plot.series[0].function: 'rmsd' is not one of the exercise's functions (mae, rmse)"),
    ("ex13_multiclass_hinge", {"direction": None},
     "plot.direction: give it too, with origin's shape (1, 3)"),
    ("ex13_multiclass_hinge", {"direction": [[1.0, 0.0]]},
     "plot.origin, direction: shapes (1, 3) and (1, 2) differ"),
    ("ex13_multiclass_hinge", {"origin": [["a", 0.0, 0.0]]},
     "plot.origin: expected a non-empty array of finite numbers"),
    ("ex5_huber", {"marks": [{"x": 9.0, "label": "δ"}]},
     "plot.marks[0].x: 9.0 is outside the range [-4.0, 4.0]"),
    ("ex5_huber", {"marks": [{"x": 1.0}]}, "plot.marks[0].label: missing required key"),
], ids=["series-function", "origin-alone", "shapes", "not-numbers", "mark-outside",
        "mark-without-label"])
def test_a_bad_new_plot_key_is_one_line(tmp_path: Path, stem: str, changes: dict,
                                        message: str) -> None:
    path = _spec_with_plot(tmp_path, stem, **changes)
    with pytest.raises(SpecError) as caught:
        load_exercise(path, REPO / "solutions")
    text = str(caught.value)
    assert "\n" not in text and text.startswith(f"{path}: ") and message in text, text
