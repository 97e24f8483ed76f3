"""The reference of ex29 (symbolic_grad: the derivative of the log-cosh loss, and the error of
central differences over a range of steps) checked against independent implementations, and
the task and test function it adds to the engine.

Independent implementations: SymPy differentiates the same loss symbolically (its first
derivative for logcosh_grad, its third for the truncation error h²·f‴/6 that gradient_error
must show); mpmath evaluates log cosh at large residuals to 30 digits; central differences are
taken again with the cross-checks' own helper.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without an installed package
    sys.path.insert(0, str(ROOT))

from reference_harness import central_differences, load_pack  # noqa: E402

from lossdrill.grading.tasks import TASKS  # noqa: E402
from lossdrill.grading.tasks.stepsize import EPS3, STEPS  # noqa: E402
from lossdrill.sandbox import testfns  # noqa: E402
from lossdrill.sandbox.local import LocalFunctions  # noqa: E402

STEM = "ex29_symbolic_grad"
SOLUTIONS, EXERCISES = load_pack((STEM,))
REFERENCE = SOLUTIONS[STEM]
EXERCISE = EXERCISES[STEM]
TASK = next(t for t in EXERCISE.tests if getattr(t, "task", None) == "gradient_error_curve")
PLACEHOLDERS = ("TO" + "DO:", "TO" + "DO：", "to" + "do-")

# The statement's worked examples.
WORKED_EXAMPLE = [0.46211715726000974 / 3, 0.0, -0.99505475368673046 / 3]
WORKED_ERRORS = [h * h * np.sqrt(3) / np.sqrt(153.5625) for h in (0.1, 0.01, 0.001)]

R, Y, P = sympy.symbols("r y p", real=True)
LOG_COSH = sympy.log(sympy.cosh(P - Y))


def _symbolic(order: int):
    """The order-th derivative of log cosh(p − y) with respect to p, as a NumPy function."""
    return sympy.lambdify((Y, P), sympy.diff(LOG_COSH, P, order), "numpy")


def test_sympy_derives_tanh() -> None:
    assert sympy.simplify(sympy.diff(LOG_COSH, P) - sympy.tanh(P - Y)) == 0


@pytest.mark.parametrize("seed", range(10))
def test_logcosh_grad_is_sympys_derivative_over_n(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 30)),) if seed % 2 else (3, int(rng.integers(1, 6)))
    y, p = rng.normal(size=shape), rng.normal(scale=5.0, size=shape)
    exact = _symbolic(1)(y, p) / y.size
    got = REFERENCE.logcosh_grad(y, p)
    assert got.shape == p.shape and got.dtype == np.float64
    np.testing.assert_allclose(got, exact, rtol=1e-12, atol=1e-15)
    # The missed chain-rule factor is another function, which this comparison tells apart.
    assert not np.allclose(REFERENCE.MISTAKES["chain-rule-factor-missed"]["logcosh_grad"](y, p),
                           exact)


def test_logcosh_grad_saturates_where_sympys_formula_overflows() -> None:
    got = REFERENCE.logcosh_grad([0.0, 0.0, 0.0], [800.0, -1000.0, 0.1])
    np.testing.assert_allclose(got, np.array([1.0, -1.0, np.tanh(0.1)]) / 3, rtol=1e-15)
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan(_symbolic(1)(0.0, 800.0))  # sinh/cosh as SymPy writes it: ∞/∞


def test_the_given_loss_is_log_cosh_to_30_digits() -> None:
    import mpmath

    mpmath.mp.dps = 30
    r = np.array([0.0, 1e-8, 0.3, -2.5, 40.0, 700.0, -800.0, 5000.0])
    exact = float(sum(mpmath.log(mpmath.cosh(mpmath.mpf(float(v)))) for v in r) / len(r))
    assert REFERENCE.logcosh(np.zeros_like(r), r) == pytest.approx(exact, rel=1e-14)
    # The function the grader hands to gradient_error is the same loss.
    assert testfns.logcosh_of_prediction(r) == pytest.approx(exact, rel=1e-14)
    y = np.linspace(-1, 1, 8)
    assert testfns.logcosh_of_prediction(r + y, y) == pytest.approx(
        REFERENCE.logcosh(y, r + y), rel=1e-14)


@pytest.mark.parametrize("seed", range(5))
def test_logcosh_grad_agrees_with_central_differences_of_logcosh(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y, p = rng.normal(size=(3, 4)), rng.normal(scale=3.0, size=(3, 4))
    fd = central_differences(lambda v: REFERENCE.logcosh(y, v), p)
    np.testing.assert_allclose(REFERENCE.logcosh_grad(y, p), fd, rtol=1e-6, atol=1e-9)


def test_the_worked_examples_of_the_statement() -> None:
    got = REFERENCE.logcosh_grad([0.0, 1.0, 2.0], [0.5, 1.0, -1.0])
    np.testing.assert_allclose(got, WORKED_EXAMPLE, rtol=1e-14)
    np.testing.assert_allclose(got, [0.154039, 0.0, -0.331685], atol=5e-7)  # as printed
    errors = REFERENCE.gradient_error(testfns.sum_of_cubes, np.array([1.0, -2.0, 0.5]),
                                      np.array([3.0, 12.0, 0.75]), [0.1, 0.01, 0.001])
    np.testing.assert_allclose(errors, WORKED_ERRORS, rtol=1e-5)
    np.testing.assert_allclose(errors, [1.3977e-3, 1.3977e-5, 1.3977e-7], rtol=1e-4)


@pytest.mark.parametrize("r", [-2.0, -0.7, 0.4, 1.3])
def test_the_truncation_error_is_sympys_h2_f3_over_6(r: float) -> None:
    """For one variable, g_h − f′ = h²·f‴/6 + O(h⁴): the error gradient_error reports is that
    term, with f‴ from SymPy (|f′| = |tanh r| < 1, so the error is absolute)."""
    f3 = float(_symbolic(3)(0.0, r))
    steps = np.array([1e-2, 3e-3, 1e-3])
    errors = REFERENCE.gradient_error(testfns.logcosh_of_prediction, np.array([r]),
                                      np.array([np.tanh(r)]), steps)
    np.testing.assert_allclose(errors, steps**2 * abs(f3) / 6, rtol=2e-3)


@pytest.mark.parametrize("name", ["sum_of_cubes", "log_sum_exp", "softmax_ce_of_logits",
                                  "logcosh_of_prediction"])
def test_gradient_error_is_the_norm_of_central_differences_against_grad(name: str) -> None:
    rng = np.random.default_rng(7)
    if name == "softmax_ce_of_logits":
        x, bound = rng.normal(size=(4, 3)), {"labels": rng.integers(0, 3, size=4)}
    else:
        x, bound = rng.normal(size=(2, 3)), {}

    def f(v: np.ndarray) -> float:
        return testfns.FUNCTIONS[name](v, **bound)

    grad = testfns.GRADIENTS[name](x, **bound)
    scale = max(np.linalg.norm(grad), 1.0)
    expected = [np.linalg.norm(central_differences(f, x, h) - grad) / scale for h in STEPS]
    np.testing.assert_allclose(REFERENCE.gradient_error(f, x, grad, STEPS), expected,
                               rtol=1e-9, atol=1e-300)


def test_gradient_error_at_a_minimum_is_finite() -> None:
    zero = np.zeros(3)
    np.testing.assert_array_equal(
        REFERENCE.gradient_error(testfns.sum_of_squares, zero, zero, [0.1, 1e-6]), [0.0, 0.0])
    np.testing.assert_allclose(REFERENCE.gradient_error(testfns.sum_of_cubes, zero, zero, [0.1]),
                               [0.01 * np.sqrt(3)], rtol=1e-12)


@pytest.mark.parametrize(("args", "what"), [
    ((np.ones(2), np.ones(3), [0.1]), "shape"),
    ((np.ones(2), np.ones(2), [0.1, 0.0]), "positive"),
    ((np.ones(2), np.ones(2), [-0.1]), "positive"),
    ((np.ones(2), np.ones(2), [np.inf]), "positive"),
    ((np.ones(2), np.ones(2), [[0.1]]), "1-D"),
])
def test_gradient_error_refuses(args: tuple[Any, ...], what: str) -> None:
    with pytest.raises(ValueError, match=what):
        REFERENCE.gradient_error(testfns.sum_of_cubes, *args)


def test_logcosh_grad_refuses_a_column_against_a_vector() -> None:
    with pytest.raises(ValueError, match="shape"):
        REFERENCE.logcosh_grad([[1.0], [2.0]], [1.0, 2.0])


def _caller(function: Any = None, mistake: str | None = None):
    functions = {"gradient_error": function or REFERENCE.gradient_error}
    if mistake is not None:
        functions.update(REFERENCE.MISTAKES[mistake])
    return LocalFunctions(functions).call


def _run(learner: Any, seed: int = 0):
    return TASKS["gradient_error_curve"](learner, _caller(), dict(TASK.params),
                                         np.random.default_rng(seed))


@pytest.mark.parametrize("seed", range(5))
def test_the_task_draws_the_v_of_the_reference(seed: int) -> None:
    report = _run(_caller(), seed)
    assert report.passed, report.message
    m = report.metrics
    assert m["truncation_slope_min"] > 1.9 and m["roundoff_slope_max"] < -0.7
    assert EPS3 / 100 <= m["best_step_min"] <= m["best_step_max"] <= EPS3 * 100


@pytest.mark.parametrize(("mistake", "says"), [
    ("one-sided-difference", "for h ≥ 10⁻³ the error goes as h^1.0"),
    ("divides-by-h", "for h ≥ 10⁻³ the error goes as h^0.0"),
    ("absolute-error", "at h = 1e-01 (where truncation dominates"),
    ("no-guard-at-zero", "(where truncation dominates"),
])
def test_the_task_fails_each_wrong_error(mistake: str, says: str) -> None:
    report = _run(_caller(mistake=mistake))
    assert not report.passed
    assert says in report.message, report.message


def _reshaped(change):
    """A learner whose errors are the reference's, changed by `change(steps, errors)`."""
    def gradient_error(f, x, grad, steps):
        steps = np.asarray(steps)
        return change(steps, REFERENCE.gradient_error(f, x, grad, steps))
    return _caller(gradient_error)


def test_the_task_wants_round_off_to_rise_below_1e9() -> None:
    flat = _reshaped(lambda h, e: np.where(h < 1e-6, e[h >= 1e-6].min(), e))
    report = _run(flat)
    assert not report.passed and "does not grow as the step shrinks" in report.message


def test_the_task_wants_the_minimum_near_the_cube_root_of_epsilon() -> None:
    # The right V below 10⁻⁹ and above 10⁻³, but a dip at 10⁻⁸.
    dip = _reshaped(lambda h, e: np.where(np.isclose(h, 1e-8, rtol=1e-6, atol=0.0), 1e-16, e))
    report = _run(dip)
    assert not report.passed and "smallest at h = 1.0e-08" in report.message


def test_the_task_reports_a_learner_that_returns_too_few_errors() -> None:
    report = _run(_reshaped(lambda h, e: e[:-1]))
    assert not report.passed
    assert "did not return 25 finite numbers" in report.message


def test_the_spec_and_the_solution_list_the_same_mistakes() -> None:
    assert [m.id for m in EXERCISE.mistakes] == list(REFERENCE.MISTAKES)


def test_no_placeholder_is_left() -> None:
    files = [EXERCISE.path, EXERCISE.solution_path,
             *sorted((ROOT / "tests" / "learners" / "ex29").glob("*.py"))]
    left = [str(path.relative_to(ROOT)) for path in files
            if any(mark in path.read_text(encoding="utf-8") for mark in PLACEHOLDERS)]
    assert not left, f"replace the placeholders in {', '.join(left)}"
