"""The references of ex4–ex8, checked against independent implementations.

ex4 (RMSE, MAE) against scikit-learn, ex5 (Huber) against SciPy, ex6 (squared-error and MSE
gradients) against central differences of ex1's MSE, and the losses ex6 gives the learner for
its gradient tests against scikit-learn's MSE and, by central differences, against the
gradients written out by hand, ex7 (categorical cross-entropy) against
scikit-learn's log_loss, ex2's binary cross-entropy and central differences, ex8 (softmax,
log-softmax) against SciPy. Then each spec against its reference, without the grader: the
worked examples of the statements, the raises tests, every mistake variant failing a test of
its spec and being told apart from the others.
"""

from __future__ import annotations

import itertools
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import log_loss as sk_log_loss
from sklearn.metrics import mean_absolute_error as sk_mean_absolute_error
from sklearn.metrics import mean_squared_error as sk_mean_squared_error
from sklearn.metrics import root_mean_squared_error as sk_root_mean_squared_error

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without an installed package
    sys.path.insert(0, str(ROOT))

from reference_harness import call as _call  # noqa: E402
from reference_harness import central_differences as _central_differences  # noqa: E402
from reference_harness import load_pack, load_solution  # noqa: E402
from reference_harness import resolve as _resolve  # noqa: E402
from reference_harness import same as _same  # noqa: E402

from lossdrill.spec.model import (  # noqa: E402
    GradientTest,
    PropertyTest,
    RaisesTest,
    ValueTest,
)
from lossdrill.spec.starter import starter_source  # noqa: E402

STEMS = ("ex4_rmse_mae", "ex5_huber", "ex6_mse_grad", "ex7_cross_entropy", "ex8_softmax")


SOLUTIONS, EXERCISES = load_pack(STEMS)
ex1 = load_solution("ex1_mse")
ex2 = load_solution("ex2_bce")
ex4 = SOLUTIONS["ex4_rmse_mae"]
ex5 = SOLUTIONS["ex5_huber"]
ex6 = SOLUTIONS["ex6_mse_grad"]
ex7 = SOLUTIONS["ex7_cross_entropy"]
ex8 = SOLUTIONS["ex8_softmax"]

SETTINGS = settings(max_examples=50, deadline=None)

floats = st.floats(-1e4, 1e4, allow_nan=False)
shapes = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=8)


@st.composite
def same_shape_pairs(draw, min_dims: int = 1):
    shape = draw(hnp.array_shapes(min_dims=min_dims, max_dims=2, min_side=1, max_side=8))
    a = draw(hnp.arrays(np.float64, shape, elements=floats))
    b = draw(hnp.arrays(np.float64, shape, elements=floats))
    return a, b


# --- ex4: RMSE and MAE ------------------------------------------------------------------


@SETTINGS
@given(same_shape_pairs())
def test_rmse_and_mae_match_sklearn(pair) -> None:
    # sklearn averages a 2-D input per column, then across the columns with equal weights
    # (multioutput="uniform_average"). Every column has the same number of rows, so for the
    # MSE and the MAE that is the mean over all elements, our convention. It is not for the
    # RMSE: sklearn's root_mean_squared_error averages the per-column roots, so in 2-D ours is
    # compared with √(sklearn's MSE), and with root_mean_squared_error only in 1-D.
    y_true, y_pred = pair
    assert ex4.mae(y_true, y_pred) == pytest.approx(
        sk_mean_absolute_error(y_true, y_pred), rel=1e-9, abs=1e-12
    )
    expected_rmse = np.sqrt(sk_mean_squared_error(y_true, y_pred))
    assert ex4.rmse(y_true, y_pred) == pytest.approx(expected_rmse, rel=1e-9, abs=1e-12)
    if y_true.ndim == 1:
        assert ex4.rmse(y_true, y_pred) == pytest.approx(
            sk_root_mean_squared_error(y_true, y_pred), rel=1e-9, abs=1e-12
        )


@SETTINGS
@given(same_shape_pairs(min_dims=2))
def test_sklearn_2d_rmse_is_the_mean_of_column_rmses_mistake(pair) -> None:
    """The convention difference, pinned: sklearn's 2-D RMSE is our mean-of-column-rmses."""
    y_true, y_pred = pair
    variant = ex4.MISTAKES["mean-of-column-rmses"]["rmse"]
    assert variant(y_true, y_pred) == pytest.approx(
        sk_root_mean_squared_error(y_true, y_pred), rel=1e-9, abs=1e-12
    )


@SETTINGS
@given(same_shape_pairs())
def test_rmse_and_mae_properties(pair) -> None:
    y_true, y_pred = pair
    r, m = ex4.rmse(y_true, y_pred), ex4.mae(y_true, y_pred)
    assert type(r) is float and type(m) is float
    assert 0.0 <= m <= r * (1 + 1e-12) + 1e-12  # RMSE ≥ MAE (Jensen)
    assert r == pytest.approx(np.sqrt(ex1.mse(y_true, y_pred)), rel=1e-12, abs=1e-12)
    assert ex4.rmse(y_true, y_true) == 0.0 and ex4.mae(y_true, y_true) == 0.0
    assert r == pytest.approx(ex4.rmse(y_pred, y_true), rel=1e-12)


def test_rmse_mae_worked_example() -> None:
    y, p = [3.0, 5.0, 2.0, 7.0, 1.0], [4.0, 4.0, 3.0, 6.0, 5.0]
    assert ex4.rmse(y, p) == 2.0
    assert ex4.mae(y, p) == pytest.approx(1.6, rel=1e-15)
    assert ex4.rmse(y[:4], p[:4]) == ex4.mae(y[:4], p[:4]) == 1.0
    # The 2-D test: the three conventions really differ there.
    t = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    q = [[1.0, 2.0], [3.0, 7.0], [1.0, 6.0]]
    values = {ex4.rmse(t, q)} | {
        ex4.MISTAKES[m]["rmse"](t, q) for m in ("mean-of-row-rmses", "mean-of-column-rmses")
    }
    assert len(values) == 3
    assert ex4.rmse(t, q) == pytest.approx(np.sqrt(25 / 6), rel=1e-15)


# --- ex5: Huber loss ----------------------------------------------------------------------


@SETTINGS
@given(same_shape_pairs(), st.floats(0.01, 100.0))
def test_huber_matches_scipy(pair, delta) -> None:
    # scipy.special.huber(δ, r) is the same per-element function (½r² if |r| ≤ δ, else
    # δ(|r| − ½δ)); the loss is its mean.
    y_true, y_pred = pair
    expected = np.mean(scipy.special.huber(delta, y_pred - y_true))
    assert ex5.huber_loss(y_true, y_pred, delta) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(hnp.arrays(np.float64, st.integers(1, 12), elements=st.floats(-50, 50)),
       st.floats(0.05, 20.0))
def test_huber_derivative_is_the_clipped_error(e, delta) -> None:
    """Smooth everywhere, derivative clip(e, −δ, δ)/N: checked by central differences away
    from the joins at |e| = δ (where it is continuous, but the differences straddle it)."""
    e = e[np.abs(np.abs(e) - delta) > 1e-3]
    if e.size == 0:
        return
    zeros = np.zeros_like(e)
    numeric = _central_differences(lambda p: ex5.huber_loss(zeros, p, delta), e)
    np.testing.assert_allclose(numeric, np.clip(e, -delta, delta) / e.size,
                               rtol=1e-5, atol=1e-7)


def test_huber_limits_and_worked_example() -> None:
    y, p = [1.0, 2.0, 3.0, 4.0], [1.5, 1.0, 5.0, 1.0]
    assert ex5.huber_loss(y, p) == 1.15625
    # Exactly at |e| = δ both branches give ½δ².
    assert ex5.huber_loss([0.0, 0.0], [1.5, -1.5], 1.5) == 0.5 * 1.5**2
    # δ above every error: half the MSE; a tiny δ: δ·MAE − ½δ².
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=20), rng.normal(size=20)
    assert ex5.huber_loss(a, b, 1e6) == pytest.approx(0.5 * ex1.mse(a, b), rel=1e-12)
    d = 1e-9
    assert ex5.huber_loss(a, b, d) == pytest.approx(d * ex4.mae(a, b) - 0.5 * d * d, rel=1e-9)
    # An integer δ is used as given.
    assert ex5.huber_loss([0, 0], [3, 1], 2) == pytest.approx((2 * (3 - 1) + 0.5) / 2)


@pytest.mark.parametrize("delta", [0.0, -1.0, float("nan")])
def test_huber_rejects_a_non_positive_delta(delta) -> None:
    with pytest.raises(ValueError):
        ex5.huber_loss([1.0], [2.0], delta)


# --- ex6: gradients of the squared error and of the MSE ----------------------------------


@SETTINGS
@given(same_shape_pairs())
def test_mse_grad_matches_central_differences_of_ex1_mse(pair) -> None:
    y_true, y_pred = pair
    y_pred = y_pred / 1e3  # keep the loss small enough for differences of 1e-6
    y_true = y_true / 1e3
    grad = ex6.mse_grad(y_true, y_pred)
    assert grad.dtype == np.float64 and grad.shape == y_pred.shape
    numeric = _central_differences(lambda p: ex1.mse(y_true, p), y_pred)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


@SETTINGS
@given(same_shape_pairs())
def test_squared_error_grad_matches_central_differences(pair) -> None:
    y_true, y_pred = pair[0] / 1e3, pair[1] / 1e3
    grad = ex6.squared_error_grad(y_true, y_pred)
    assert grad.dtype == np.float64 and grad.shape == y_pred.shape

    def half_sum_of_squares(p: np.ndarray) -> float:
        return float(np.sum(0.5 * (y_true - p) ** 2))

    numeric = _central_differences(half_sum_of_squares, y_pred, h=1e-6)
    # A central difference of a quadratic has no truncation error, only round-off: each f is
    # off by a few ulps of |f|, divided by 2h.
    roundoff = 8 * np.finfo(np.float64).eps * max(half_sum_of_squares(y_pred), 1.0) / 1e-6
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=roundoff)
    # The MSE's gradient is the per-element one, times 2/N.
    np.testing.assert_allclose(ex6.mse_grad(y_true, y_pred), 2 * grad / grad.size, rtol=1e-15)


@SETTINGS
@given(same_shape_pairs())
def test_given_losses_match_sklearn_mean_squared_error(pair) -> None:
    # sklearn averages a 2-D input per column, then the columns with equal weights: with equal
    # column lengths that is the mean over all elements, the MSE of ex1. The summed
    # ½-squared error is that mean times N/2.
    y_true, y_pred = pair
    expected = sk_mean_squared_error(y_true, y_pred)
    mse, half_sum = ex6.mse(y_true, y_pred), ex6.squared_error(y_true, y_pred)
    assert type(mse) is float and type(half_sum) is float
    assert mse == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert mse == pytest.approx(ex1.mse(y_true, y_pred), rel=1e-12, abs=1e-12)
    assert half_sum == pytest.approx(0.5 * y_true.size * expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(same_shape_pairs())
def test_given_losses_differentiate_to_the_gradients_by_hand(pair) -> None:
    """What the gradient tests of ex6 rely on: the central differences of the given losses
    are ŷ − y (no 1/N) and 2(ŷ − y)/N, written out here independently of the reference."""
    y_true, y_pred = pair[0] / 1e4, pair[1] / 1e4  # losses small enough for steps of 1e-6
    e = y_pred - y_true
    numeric = _central_differences(lambda p: ex6.squared_error(y_true, p), y_pred)
    np.testing.assert_allclose(numeric, e, rtol=1e-5, atol=1e-6)
    numeric = _central_differences(lambda p: ex6.mse(y_true, p), y_pred)
    np.testing.assert_allclose(numeric, 2 * e / e.size, rtol=1e-5, atol=1e-8)


def test_given_losses_are_supplied_not_asked_for() -> None:
    ex = EXERCISES["ex6_mse_grad"]
    assert ex.function_names == ("squared_error_grad", "mse_grad")
    assert {f.name for f in ex.functions if f.given} == {"squared_error", "mse"}
    starter = starter_source(ex)
    assert "def squared_error_grad(" in starter and "def mse_grad(" in starter
    assert "def squared_error(" not in starter and "def mse(" not in starter
    # A gradient test for each gradient, against its own loss, in 1-D and in 2-D, one visible.
    checks = [t for t in ex.tests if isinstance(t, GradientTest)]
    assert {(t.function, t.loss) for t in checks} == {
        ("squared_error_grad", "squared_error"), ("mse_grad", "mse")}
    for fn in ("squared_error_grad", "mse_grad"):
        ndims = {len(t.args[t.wrt].shape) for t in checks if t.function == fn}
        assert ndims == {1, 2}, fn
    assert any(t.visibility == "visible" for t in checks)
    assert all("finite-differences" in t.against for t in checks)


def test_grads_worked_example() -> None:
    y, p = [1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 2.0, 6.0]
    np.testing.assert_array_equal(ex6.squared_error_grad(y, p), [0.5, 0.0, -1.0, 2.0])
    np.testing.assert_array_equal(ex6.mse_grad(y, p), [0.25, 0.0, -0.5, 1.0])
    bumped = np.array(p)
    bumped[3] += 1e-3
    assert ex1.mse(y, p) == 1.3125
    assert ex1.mse(y, bumped) == pytest.approx(1.3135, abs=1e-6)
    out = ex6.squared_error_grad(np.array([1, 2]), np.array([4, 4]))
    assert out.dtype == np.float64
    # The given losses on the example of the statement, and on mismatched shapes.
    assert ex6.squared_error(y, p) == 2.625 and ex6.mse(y, p) == 1.3125
    for loss in (ex6.squared_error, ex6.mse):
        with pytest.raises(ValueError):
            loss([[1.0], [2.0], [4.0]], [1.0, 2.0, 3.0])


# --- ex7: categorical cross-entropy --------------------------------------------------------


@st.composite
def classification_cases(draw):
    n, k = draw(st.integers(1, 12)), draw(st.integers(2, 6))
    labels = draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))
    raw = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(1e-3, 1.0)))
    return labels, raw / raw.sum(axis=1, keepdims=True), k


@SETTINGS
@given(classification_cases())
def test_cross_entropy_matches_sklearn_log_loss(case) -> None:
    # log_loss clips to the machine epsilon of p's dtype (ours: eps = 1e-15) and renormalises
    # rows that do not sum to 1 (ours reads P as given). The rows here are proper
    # distributions with every p ≥ 1e-3 / 6, where neither convention matters.
    labels, p, k = case
    y = np.eye(k)[labels]
    expected = sk_log_loss(labels, p, labels=list(range(k)))
    assert ex7.cross_entropy(y, p) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(classification_cases())
def test_cross_entropy_grad_matches_central_differences(case) -> None:
    labels, p, k = case
    y = np.eye(k)[labels]
    grad = ex7.cross_entropy_grad(y, p)
    assert grad.dtype == np.float64 and grad.shape == p.shape
    # Away from the clip at 1: a step past p = 1 would hit the flat part of the clip.
    p = np.minimum(p, 0.999)
    numeric = _central_differences(lambda q: ex7.cross_entropy(y, q), p, h=1e-7)
    np.testing.assert_allclose(ex7.cross_entropy_grad(y, p), numeric, rtol=1e-5, atol=1e-6)


@SETTINGS
@given(hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(0, 1)).flatmap(
    lambda y: st.tuples(st.just(y), hnp.arrays(np.float64, y.shape,
                                               elements=st.floats(1e-6, 1 - 1e-6)))))
def test_two_classes_are_ex2_binary_cross_entropy(case) -> None:
    y, p = case
    two = ex7.cross_entropy(np.stack([y, 1 - y], axis=1), np.stack([p, 1 - p], axis=1))
    assert two == pytest.approx(ex2.binary_cross_entropy(y, p), rel=1e-9, abs=1e-12)


def test_cross_entropy_worked_example_and_edges() -> None:
    y = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    p = [[0.7, 0.2, 0.1], [0.1, 0.5, 0.4], [0.2, 0.2, 0.6], [0.3, 0.1, 0.6]]
    assert ex7.cross_entropy(y, p) == pytest.approx(
        -np.log(0.7 * 0.5 * 0.6 * 0.1) / 4, rel=1e-12)
    assert round(ex7.cross_entropy(y, p), 5) == 0.96581
    grad = ex7.cross_entropy_grad(y, p)
    np.testing.assert_allclose(grad[[0, 1, 2, 3], [0, 1, 2, 1]],
                               [-1 / 2.8, -0.5, -1 / 2.4, -2.5], rtol=1e-12)
    assert np.count_nonzero(grad) == 4 and not np.signbit(grad[grad == 0]).any()
    # Exact zeros: finite, 0 for a perfect prediction, −log(eps)/N on a missed true class.
    assert ex7.cross_entropy(y, y) == 0.0
    assert ex7.cross_entropy([[1.0, 0.0]], [[0.0, 1.0]]) == pytest.approx(-np.log(1e-15))
    assert ex7.cross_entropy([[1.0, 0.0]], [[0.0, 1.0]], eps=1e-7) == pytest.approx(
        -np.log(1e-7), rel=1e-12)
    assert ex7.cross_entropy([[0, 1]], np.array([[0.0, 1.0]], dtype=np.float32)) == 0.0


@pytest.mark.parametrize("y,p", [
    (np.ones((2, 3)), np.ones((2, 2))),
    (np.ones(3), np.ones(3)),
    (np.ones((3, 1)), np.ones(3)),
])
def test_cross_entropy_rejects_shapes_other_than_equal_matrices(y, p) -> None:
    for fn in (ex7.cross_entropy, ex7.cross_entropy_grad):
        with pytest.raises(ValueError):
            fn(y, p)


# --- ex8: softmax and log-softmax -----------------------------------------------------------

logit_arrays = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
    elements=st.floats(-1500, 1500),
)


@SETTINGS
@given(logit_arrays)
def test_softmax_matches_scipy(z) -> None:
    p, logp = ex8.softmax(z), ex8.log_softmax(z)
    assert p.dtype == logp.dtype == np.float64 and p.shape == logp.shape == z.shape
    np.testing.assert_allclose(p, scipy.special.softmax(z, axis=-1), rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(logp, scipy.special.log_softmax(z, axis=-1),
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(logp, z - scipy.special.logsumexp(z, axis=-1, keepdims=True),
                               rtol=1e-9, atol=1e-12)
    assert np.all(np.isfinite(logp))
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-12)


@SETTINGS
@given(logit_arrays, st.floats(-1000, 1000))
def test_softmax_is_shift_invariant(z, c) -> None:
    np.testing.assert_allclose(ex8.softmax(z + c), ex8.softmax(z), rtol=1e-9, atol=1e-12)
    # log-probabilities of up to a few thousand: the rounding of z + c is absolute.
    np.testing.assert_allclose(ex8.log_softmax(z + c), ex8.log_softmax(z),
                               rtol=1e-9, atol=1e-9)


def test_softmax_worked_example_and_edges() -> None:
    z = [2.0, 1.0, 0.1]
    np.testing.assert_allclose(ex8.softmax(z), [0.65900, 0.24243, 0.09857], atol=5e-6)
    np.testing.assert_allclose(ex8.log_softmax(z), [-0.41703, -1.41703, -2.31703], atol=5e-6)
    np.testing.assert_allclose(ex8.softmax(np.add(z, 1000)), ex8.softmax(z), rtol=1e-12)
    np.testing.assert_array_equal(ex8.log_softmax([[1000.0, 0.0, -1000.0]]),
                                  [[0.0, -1000.0, -2000.0]])
    # −inf: probability 0 and log-probability −inf, the same as SciPy.
    masked = np.array([[0.0, -np.inf, 1.0], [-np.inf, 2.0, 2.0]])
    np.testing.assert_array_equal(ex8.softmax(masked)[masked == -np.inf], 0.0)
    np.testing.assert_array_equal(ex8.log_softmax(masked)[masked == -np.inf], -np.inf)
    np.testing.assert_allclose(ex8.softmax(masked), scipy.special.softmax(masked, axis=-1))
    np.testing.assert_array_equal(ex8.log_softmax(masked),
                                  scipy.special.log_softmax(masked, axis=-1))
    np.testing.assert_array_equal(ex8.softmax([[5.0], [-3.0]]), [[1.0], [1.0]])
    with pytest.raises(ValueError):
        ex8.softmax(3.0)


def test_naive_softmax_really_fails_at_1000() -> None:
    """What the no-max-subtraction and log-of-softmax tests rely on."""
    big = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert np.isnan(ex8.MISTAKES["no-max-subtraction"]["softmax"](big)).all()
        gap = ex8.MISTAKES["log-of-softmax"]["log_softmax"]([[1000.0, 0.0, -1000.0]])
    assert np.isneginf(gap[0, 1:]).all()


# --- Each spec against its reference, without the grader --------------------------------------
# A small stand-in for the engine: inputs resolved as the spec describes them (generators from
# a fixed seed) and passed read-only; value tests compared like the grader (type, shape,
# dtype, values, ±inf matching only itself), gradient tests against the reference.


def _functions(stem: str, mistake: str | None = None) -> dict[str, Any]:
    module = SOLUTIONS[stem]
    fns = {name: getattr(module, name) for name in EXERCISES[stem].function_names}
    if mistake is not None:
        fns.update(module.MISTAKES[mistake])
    return fns


def _checked_tests(stem: str):
    for i, test in enumerate(EXERCISES[stem].tests):
        if isinstance(test, (ValueTest, RaisesTest, GradientTest)):
            yield i, test


def _outcomes(stem: str, mistake: str | None) -> dict[str, tuple[str, Any]]:
    fns = _functions(stem, mistake)
    return {test.name: _call(fns[test.function], _resolve(test.args, 1000 + i))
            for i, test in _checked_tests(stem)}


def _fails(stem: str, mistake: str) -> set[str]:
    ex = EXERCISES[stem]
    reference, variant = _outcomes(stem, None), _outcomes(stem, mistake)
    failed = set()
    for _, test in _checked_tests(stem):
        tol = ex.tolerance_for(test)
        got = variant[test.name]
        if isinstance(test, RaisesTest):
            ok = got == ("raises", test.exception)
        else:
            ok = _same(got, reference[test.name], tol.rtol, tol.atol)
        if not ok:
            failed.add(test.name)
    return failed


@pytest.mark.parametrize("stem", STEMS)
def test_spec_and_solution_list_the_same_mistakes(stem: str) -> None:
    ex = EXERCISES[stem]
    assert [m.id for m in ex.mistakes] == list(SOLUTIONS[stem].MISTAKES)
    assert len(ex.mistakes) >= 3 and len(ex.hints) >= 3
    for replaced in SOLUTIONS[stem].MISTAKES.values():
        assert replaced and set(replaced) <= set(ex.function_names)


@pytest.mark.parametrize("stem", STEMS)
def test_texts_are_given_in_english_and_chinese(stem: str) -> None:
    ex = EXERCISES[stem]
    zh = ex.translations.get("zh", {})
    paths = ["title", "statement"] + [f"hints[{i}]" for i in range(len(ex.hints))]
    paths += [f"functions[{i}].summary" for i in range(len(ex.functions))]
    paths += [f"mistakes[{i}].message" for i in range(len(ex.mistakes))]
    paths += [f"tests[{i}].name" for i in range(len(ex.tests))]
    paths += [f"tests[{i}].reason" for i, t in enumerate(ex.tests) if isinstance(t, RaisesTest)]
    missing = [p for p in paths if not zh.get(p)]
    assert not missing, f"no Chinese text for {missing}"


@pytest.mark.parametrize("stem", STEMS)
def test_reference_passes_its_own_spec(stem: str) -> None:
    ex = EXERCISES[stem]
    reference = SOLUTIONS[stem]
    for i, test in _checked_tests(stem):
        args = _resolve(test.args, 1000 + i)
        kind, result = _call(getattr(reference, test.function), args)
        if isinstance(test, RaisesTest):
            assert (kind, result) == ("raises", test.exception), test.name
            continue
        assert kind == "ok", f"{test.name}: the reference raised {result}"
        if isinstance(result, np.ndarray):
            assert result.dtype == np.float64, test.name
            if isinstance(test, GradientTest):
                assert result.shape == np.shape(args[test.wrt]), test.name
                loss = getattr(reference, test.loss)
                numeric = _central_differences(
                    lambda x, f=loss, a=args, t=test: f(**{**a, t.wrt: x}), args[test.wrt])
                np.testing.assert_allclose(result, numeric, rtol=1e-5, atol=1e-6,
                                           err_msg=test.name)
        else:
            assert type(result) is float and np.isfinite(result), test.name
    # Every property test holds for the reference on its own arguments.
    for i, test in enumerate(ex.tests):
        if isinstance(test, PropertyTest):
            value = getattr(reference, test.function)(**_resolve(test.args, 1000 + i))
            if test.property == "zero":
                assert np.all(np.asarray(value) == 0.0), test.name
            elif test.property == "non-negative":
                assert np.all(np.asarray(value) >= 0.0), test.name


@pytest.mark.parametrize("stem,mistake",
                         [(s, m) for s in STEMS for m in SOLUTIONS[s].MISTAKES])
def test_every_mistake_fails_a_test_of_its_spec(stem: str, mistake: str) -> None:
    assert _fails(stem, mistake), f"{mistake} passes every test of {stem}"


@pytest.mark.parametrize("stem", STEMS)
def test_mistakes_can_be_told_apart(stem: str) -> None:
    """Any two variants differ on at least one test that one of them fails."""
    ex = EXERCISES[stem]
    tolerance = {t.name: ex.tolerance_for(t) for t in ex.tests}
    mistakes = list(SOLUTIONS[stem].MISTAKES)
    outcomes = {m: _outcomes(stem, m) for m in mistakes}
    failing = {m: _fails(stem, m) for m in mistakes}
    for a, b in itertools.combinations(mistakes, 2):
        assert any(
            not _same(outcomes[a][t], outcomes[b][t], tolerance[t].rtol, tolerance[t].atol)
            for t in failing[a] | failing[b]
        ), f"{a} and {b} behave identically on every test either fails"
