"""The reference of ex28 (robust_regression: a line fitted under the MSE, the MAE and Huber),
checked against independent implementations, and the task it adds to the engine.

Independent implementations: scikit-learn's metrics (mean_squared_error,
mean_absolute_error) and SciPy's `special.huber` for the losses; the gradient written out as a
loop over the points, and central differences of the loss; and for the fits, the estimators
that minimise the same objectives — `LinearRegression` (the MSE), `QuantileRegressor(quantile=0.5)`
(the MAE) and `HuberRegressor` (Huber, whose δ is its epsilon times the scale it estimates).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.optimize
import scipy.special
from sklearn.linear_model import HuberRegressor, LinearRegression, QuantileRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without an installed package
    sys.path.insert(0, str(ROOT))

from reference_harness import central_differences, load_pack  # noqa: E402

from lossdrill.grading.tasks import TASKS  # noqa: E402
from lossdrill.grading.tasks.robust import descend, outlier_line  # noqa: E402
from lossdrill.sandbox.local import LocalFunctions  # noqa: E402

STEM = "ex28_robust_regression"
SOLUTIONS, EXERCISES = load_pack((STEM,))
REFERENCE = SOLUTIONS[STEM]
EXERCISE = EXERCISES[STEM]
TASK = next(t for t in EXERCISE.tests if getattr(t, "task", None) == "robust_line_fit")
LOSSES = ("mse", "mae", "huber")

# The statement's worked example: four points of y = 2x + 1, the last one 13 above it.
WORKED = ([2.0, 1.0], [0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 20.0])
WORKED_EXAMPLE = [-19.5, -6.5]  # line_grad under the MSE, the first test
WORKED_TABLE = {"mse": (42.25, [-19.5, -6.5]), "mae": (3.25, [-0.75, -0.25]),
                "huber": (3.125, [-0.75, -0.25])}
PLACEHOLDERS = ("TO" + "DO:", "TO" + "DO：", "to" + "do-")


def _points(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return rng.normal(size=2), rng.uniform(-3, 3, size=n), rng.normal(scale=4.0, size=n)


def _loop_grad(theta: np.ndarray, x: np.ndarray, y: np.ndarray, loss: str, delta: float
               ) -> np.ndarray:
    """The gradient point by point, from the derivative of each ρ written by cases."""
    w, b = theta
    dw = db = 0.0
    for xi, yi in zip(x, y, strict=True):
        r = w * xi + b - yi
        if loss == "mse":
            d = 2.0 * r
        elif loss == "mae":
            d = 0.0 if r == 0 else (1.0 if r > 0 else -1.0)
        else:
            d = r if abs(r) <= delta else (delta if r > 0 else -delta)
        dw += d * xi
        db += d
    return np.array([dw, db]) / len(x)


@pytest.mark.parametrize("seed", range(10))
def test_the_losses_agree_with_sklearn_and_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    theta, x, y = _points(rng, int(rng.integers(1, 60)))
    delta = float(rng.uniform(0.2, 3.0))
    y_hat = theta[0] * x + theta[1]
    assert REFERENCE.line_loss(x, y, theta, "mse") == pytest.approx(
        mean_squared_error(y, y_hat), rel=1e-12)
    assert REFERENCE.line_loss(x, y, theta, "mae") == pytest.approx(
        mean_absolute_error(y, y_hat), rel=1e-12)
    # scipy.special.huber(δ, r) is δ·(|r| − δ/2) beyond δ and r²/2 within: the same ρ.
    assert REFERENCE.line_loss(x, y, theta, "huber", delta) == pytest.approx(
        float(np.mean(scipy.special.huber(delta, y_hat - y))), rel=1e-12)


@pytest.mark.parametrize("seed", range(10))
def test_the_gradients_agree_with_a_loop_and_with_central_differences(seed: int) -> None:
    rng = np.random.default_rng(seed)
    theta, x, y = _points(rng, int(rng.integers(1, 40)))
    delta = float(rng.uniform(0.2, 3.0))
    for loss in LOSSES:
        got = REFERENCE.line_grad(x, y, theta, loss, delta)
        assert got.shape == (2,) and got.dtype == np.float64
        np.testing.assert_allclose(got, _loop_grad(theta, x, y, loss, delta),
                                   rtol=1e-10, atol=1e-12)
        # Random residuals are never 0, so the MAE has no kink within the step.
        fd = central_differences(lambda t, loss=loss: REFERENCE.line_loss(x, y, t, loss, delta),
                                 theta)
        np.testing.assert_allclose(got, fd, rtol=1e-6, atol=1e-7)


def test_the_worked_example_of_the_statement() -> None:
    theta, x, y = WORKED
    for loss, (value, grad) in WORKED_TABLE.items():
        assert REFERENCE.line_loss(x, y, theta, loss) == pytest.approx(value, rel=1e-12)
        np.testing.assert_allclose(REFERENCE.line_grad(x, y, theta, loss), grad, rtol=1e-12)
    np.testing.assert_allclose(REFERENCE.line_grad(x, y, theta, "mse"), WORKED_EXAMPLE)
    # One step of 0.1 from the clean line: the slope moves to 3.95 under the MSE, 2.075 else.
    for loss, slope in (("mse", 3.95), ("mae", 2.075), ("huber", 2.075)):
        step = np.asarray(theta) - 0.1 * REFERENCE.line_grad(x, y, theta, loss)
        assert step[0] == pytest.approx(slope, rel=1e-12)


def test_the_mae_subgradient_is_zero_at_a_zero_residual_and_huber_is_smooth_at_delta() -> None:
    x = np.array([-1.0, 0.0, 2.0, 5.0])
    y = 3.0 * x - 2.0
    np.testing.assert_array_equal(REFERENCE.line_grad(x, y, [3.0, -2.0], "mae"), [0.0, 0.0])
    # At |r| = δ both branches of Huber give the same value and slope: ψ(±δ) = ±δ.
    for r in (2.0, -2.0):
        g = REFERENCE.line_grad([1.0], [0.0], [0.0, r], "huber", 2.0)
        np.testing.assert_allclose(g, [r, r])


@pytest.mark.parametrize(("args", "what"), [
    (([0.0, 1.0], [1.0, 2.0], [1.0, 0.0, 2.0], "mse"), "theta"),
    (([[0.0], [1.0]], [1.0, 2.0], [1.0, 0.0], "mse"), "1-D"),
    (([0.0, 1.0, 2.0], [1.0, 2.0], [1.0, 0.0], "mse"), "1-D"),
    (([], [], [1.0, 0.0], "mae"), "empty"),
    (([0.0, 1.0], [1.0, 2.0], [1.0, 0.0], "l1"), "loss"),
    (([0.0, 1.0], [1.0, 2.0], [1.0, 0.0], "huber", 0.0), "delta"),
    (([0.0, 1.0], [1.0, 2.0], [1.0, 0.0], "huber", float("nan")), "delta"),
])
def test_the_contract_refuses(args: tuple[Any, ...], what: str) -> None:
    for function in (REFERENCE.line_loss, REFERENCE.line_grad):
        with pytest.raises(ValueError, match=what):
            function(*args)


def test_delta_is_ignored_by_the_mse_and_the_mae() -> None:
    theta, x, y = WORKED
    for loss in ("mse", "mae"):
        assert REFERENCE.line_loss(x, y, theta, loss, -1.0) == REFERENCE.line_loss(
            x, y, theta, loss)


def _task_data(seed: int) -> tuple[np.ndarray, np.ndarray, float, float]:
    p = TASK.params
    return outlier_line(np.random.default_rng(seed), int(p["n"]), float(p["outliers"]))


def _task_fit(x: np.ndarray, y: np.ndarray, loss: str, delta: float) -> np.ndarray:
    """The task's descent, with the reference's line_grad called as the grader calls it."""
    call = LocalFunctions({"line_grad": REFERENCE.line_grad}).call
    p = TASK.params
    *_, last = descend(call, x, y, loss, delta, int(p["epochs"]), float(p["lr"]))
    return last


@pytest.mark.parametrize("seed", range(3))
def test_the_task_fits_are_the_estimators_of_scikit_learn(seed: int) -> None:
    x, y, _, _ = _task_data(seed)
    X = x[:, None]
    # MSE: least squares, which the descent reaches to many digits.
    ols = LinearRegression().fit(X, y)
    np.testing.assert_allclose(_task_fit(x, y, "mse", 1.0), [ols.coef_[0], ols.intercept_],
                               rtol=1e-7, atol=1e-9)
    # MAE: the median regression (a linear program solved exactly). Subgradient descent with
    # steps 0.5/√(1 + t) ends close to it, and its MAE within 0.1% of the optimum.
    lad = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(X, y)
    best = np.array([lad.coef_[0], lad.intercept_])
    mae = _task_fit(x, y, "mae", 1.0)
    np.testing.assert_allclose(mae, best, atol=0.02)
    optimum = REFERENCE.line_loss(x, y, best, "mae")
    assert optimum <= REFERENCE.line_loss(x, y, mae, "mae") <= optimum * 1.001
    # Huber: HuberRegressor minimises Σ σ + σ·H_ε(rᵢ/σ) over (w, b, σ); at its σ the (w, b)
    # part is our Huber loss with δ = ε·σ (up to the factor 2/σ), minimised here with BFGS on
    # line_loss and line_grad.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lbfgs may warn that it stopped at its tolerance
        huber = HuberRegressor(epsilon=1.35, alpha=0.0, max_iter=1000, tol=1e-10).fit(X, y)
    delta = 1.35 * huber.scale_
    np.testing.assert_allclose(_huber_minimum(x, y, delta), [huber.coef_[0], huber.intercept_],
                               atol=1e-4)
    # And the task's descent reaches the minimum of its own Huber loss (δ = 1).
    np.testing.assert_allclose(_task_fit(x, y, "huber", 1.0), _huber_minimum(x, y, 1.0),
                               atol=1e-3)


def _huber_minimum(x: np.ndarray, y: np.ndarray, delta: float) -> np.ndarray:
    found = scipy.optimize.minimize(lambda t: REFERENCE.line_loss(x, y, t, "huber", delta),
                                    np.zeros(2),
                                    jac=lambda t: REFERENCE.line_grad(x, y, t, "huber", delta),
                                    method="BFGS", options={"gtol": 1e-12})
    return found.x


def _caller(mistake: str | None = None):
    functions = {"line_grad": REFERENCE.line_grad}
    if mistake is not None:
        functions.update(REFERENCE.MISTAKES[mistake])
    return LocalFunctions(functions).call


@pytest.mark.parametrize("seed", range(6))
def test_the_task_passes_the_reference_and_the_mse_is_pulled_most(seed: int) -> None:
    ref = _caller()
    report = TASKS["robust_line_fit"](ref, ref, dict(TASK.params), np.random.default_rng(seed))
    assert report.passed, report.message
    m = report.metrics
    assert m["slope_error_mse"] >= 3 * max(m["slope_error_mae"], m["slope_error_huber"])
    assert m["slope_error_mse"] > 0.5  # pulled far: the outliers decide the MSE's slope
    assert max(m["slope_error_mae"], m["slope_error_huber"]) < 0.5


@pytest.mark.parametrize(("mistake", "loss"), [
    ("mse-without-2", "MSE"),  # same end point, another path: caught by comparing every step
    ("forgets-x", "MSE"),
    ("huber-branches-swapped", "Huber"),
    ("sum-instead-of-mean", "MSE"),
])
def test_the_task_fails_a_wrong_gradient_at_the_step_it_departs(mistake: str, loss: str) -> None:
    report = TASKS["robust_line_fit"](_caller(mistake), _caller(), dict(TASK.params),
                                      np.random.default_rng(0))
    assert not report.passed
    assert report.message.startswith(f"the {loss} fit leaves the reference run at step 0")


def test_the_task_reports_a_learner_that_stops_answering() -> None:
    def broken(x, y, theta, loss="mse", delta=1.0):
        if loss == "mae":
            return np.array([np.nan, 0.0])
        return REFERENCE.line_grad(x, y, theta, loss, delta)

    report = TASKS["robust_line_fit"](LocalFunctions({"line_grad": broken}).call, _caller(),
                                      dict(TASK.params), np.random.default_rng(0))
    assert not report.passed
    assert "line_grad (MAE) at step 0 did not return 2 finite numbers" in report.message


def test_the_outliers_sit_at_the_end_that_weighs_on_the_slope() -> None:
    rng = np.random.default_rng(5)
    x, y, w, b = outlier_line(rng, 60, 0.15)
    off = np.abs(y - (w * x + b)) > 5
    assert off.sum() == 9
    assert np.all(x[off] >= np.sort(x)[-18])  # among the 18 largest x
    assert np.all(np.sign(w) * (y[off] - (w * x[off] + b)) < 0)  # all on the same side


def test_the_spec_and_the_solution_list_the_same_mistakes() -> None:
    assert [m.id for m in EXERCISE.mistakes] == list(REFERENCE.MISTAKES)


def test_no_placeholder_is_left() -> None:
    files = [EXERCISE.path, EXERCISE.solution_path,
             *sorted((ROOT / "tests" / "learners" / "ex28").glob("*.py"))]
    left = [str(path.relative_to(ROOT)) for path in files
            if any(mark in path.read_text(encoding="utf-8") for mark in PLACEHOLDERS)]
    assert not left, f"replace the placeholders in {', '.join(left)}"
