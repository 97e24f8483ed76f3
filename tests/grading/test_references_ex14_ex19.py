"""The references of ex14–ex19 (regularisation), checked against independent implementations.

ex14 penalties, ex15 the ridge objective, ex16 ridge fits and validation curves, ex17 dropout,
ex18 batch normalisation, ex19 data augmentation. Each reference is compared with something
that does not share its code: scikit-learn and SciPy where they implement the same thing
(conventions stated where they differ), central finite differences for every gradient,
explicit re-draws from generators with the same seed for the random exercises, and the
worked examples of the statements. The two properties added for these exercises
(``dropout-fraction`` and ``gradient-consistent``) are checked to accept the references and
reject the mistakes they are meant to catch.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without an installed package
    sys.path.insert(0, str(ROOT))

from reference_harness import central_differences, load_pack  # noqa: E402

from lossdrill.grading.kinds.invariants import PROPERTIES, Context  # noqa: E402
from lossdrill.sandbox.local import LocalFunctions  # noqa: E402
from lossdrill.sandbox.protocol import RngSeed  # noqa: E402
from lossdrill.spec.model import Tolerance  # noqa: E402

STEMS = ("ex14_penalties", "ex15_regularized", "ex16_lambda_path", "ex17_dropout",
         "ex18_batchnorm", "ex19_augment")


SOLUTIONS, EXERCISES = load_pack(STEMS)
ex14 = SOLUTIONS["ex14_penalties"]
ex15 = SOLUTIONS["ex15_regularized"]
ex16 = SOLUTIONS["ex16_lambda_path"]
ex17 = SOLUTIONS["ex17_dropout"]
ex18 = SOLUTIONS["ex18_batchnorm"]
ex19 = SOLUTIONS["ex19_augment"]

SETTINGS = settings(max_examples=40, deadline=None)
floats = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
lams = st.floats(0, 5, allow_nan=False)


@pytest.mark.parametrize("stem", STEMS)
def test_spec_and_solution_list_the_same_mistakes(stem: str) -> None:
    ex = EXERCISES[stem]
    assert [m.id for m in ex.mistakes] == list(SOLUTIONS[stem].MISTAKES)
    for mistake, replaced in SOLUTIONS[stem].MISTAKES.items():
        assert replaced and set(replaced) <= set(ex.function_names), mistake
    assert len(ex.mistakes) >= 3 and len(ex.hints) >= 3


@pytest.mark.parametrize("stem", STEMS)
def test_every_text_has_a_chinese_version(stem: str) -> None:
    ex = EXERCISES[stem]
    zh = ex.translations.get("zh", {})
    paths = ["title", "statement"] + [f"hints[{i}]" for i in range(len(ex.hints))]
    paths += [f"mistakes[{i}].message" for i in range(len(ex.mistakes))]
    paths += [f"functions[{i}].summary" for i in range(len(ex.functions))]
    paths += [f"tests[{i}].name" for i in range(len(ex.tests))]
    missing = [p for p in paths if p not in zh]
    assert not missing, missing


# --- ex14: L1 and L2 penalties ------------------------------------------------------------

weights = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=6),
                     elements=floats)


def test_penalties_worked_example() -> None:
    w, lam = [0.5, -1.0, 0.0, 2.0], 0.1
    assert ex14.l1_penalty(w, lam) == pytest.approx(0.35, rel=1e-12)
    assert ex14.l2_penalty(w, lam) == pytest.approx(0.2625, rel=1e-12)
    np.testing.assert_allclose(ex14.l1_grad(w, lam), [0.1, -0.1, 0.0, 0.1], rtol=1e-12)
    np.testing.assert_allclose(ex14.l2_grad(w, lam), [0.05, -0.1, 0.0, 0.2], rtol=1e-12)


@SETTINGS
@given(weights, lams)
def test_penalties_match_numpy_norms(w: np.ndarray, lam: float) -> None:
    # The penalties are norms of the flattened weights (a matrix is not a linear operator
    # here, so np.linalg.norm's matrix norms would be the wrong reference).
    flat = w.ravel()
    l1, l2 = ex14.l1_penalty(w, lam), ex14.l2_penalty(w, lam)
    assert type(l1) is float and type(l2) is float
    assert l1 == pytest.approx(lam * np.linalg.norm(flat, ord=1), rel=1e-12, abs=1e-12)
    assert l2 == pytest.approx(0.5 * lam * np.linalg.norm(flat) ** 2, rel=1e-9, abs=1e-12)
    assert l1 >= 0 and l2 >= 0


@SETTINGS
@given(weights, lams)
def test_penalty_gradients_match_central_differences_away_from_zero(w, lam) -> None:
    g1, g2 = ex14.l1_grad(w, lam), ex14.l2_grad(w, lam)
    assert g1.shape == w.shape == g2.shape and g1.dtype == g2.dtype == np.float64
    np.testing.assert_allclose(
        g2, central_differences(lambda v: ex14.l2_penalty(v, lam), w), rtol=1e-5, atol=1e-6)
    away = np.abs(w) > 1e-3  # |w| has a kink at 0
    fd1 = central_differences(lambda v: ex14.l1_penalty(v, lam), w)
    np.testing.assert_allclose(g1[away], fd1[away], rtol=1e-5, atol=1e-6)
    # At 0 the contract's subgradient is exactly 0, which lies in [−lam, lam].
    assert np.all(g1[w == 0] == 0.0)


def test_l1_grad_mistakes_at_zero() -> None:
    w = np.array([0.0, -2.0, 3.0])
    assert np.isnan(ex14.MISTAKES["l1-grad-nan-at-zero"]["l1_grad"](w, 0.5)[0])
    assert ex14.MISTAKES["l1-grad-one-at-zero"]["l1_grad"](w, 0.5)[0] == 0.5
    assert ex14.l1_grad(w, 0.5)[0] == 0.0


# --- ex15: the ridge objective --------------------------------------------------------------


@st.composite
def ridge_problems(draw, max_n: int = 12, max_d: int = 5):
    n = draw(st.integers(1, max_n))
    d = draw(st.integers(1, max_d))
    X = draw(hnp.arrays(np.float64, (n, d), elements=st.floats(-5, 5)))
    y = draw(hnp.arrays(np.float64, n, elements=st.floats(-5, 5)))
    w = draw(hnp.arrays(np.float64, d, elements=st.floats(-3, 3)))
    return w, X, y, draw(lams)


def test_ridge_objective_worked_example() -> None:
    loss, grad = ex15.ridge_objective([0.5, 1.0], [[1, 0], [0, 1], [1, 1]], [1, 2, 2], 0.2)
    assert type(loss) is float and loss == pytest.approx(0.625, rel=1e-12)
    np.testing.assert_allclose(grad, [-2 / 3 + 0.1, -0.8], rtol=1e-12)


@SETTINGS
@given(ridge_problems())
def test_ridge_gradient_matches_central_differences(problem) -> None:
    w, X, y, lam = problem
    loss, grad = ex15.ridge_objective(w, X, y, lam)
    assert grad.shape == w.shape and grad.dtype == np.float64
    fd = central_differences(lambda v: ex15.ridge_objective(v, X, y, lam)[0], w)
    np.testing.assert_allclose(grad, fd, rtol=1e-5, atol=1e-5)
    # The definition, written independently: MSE plus the penalty.
    expected = np.mean((X @ w - y) ** 2) + 0.5 * lam * w @ w
    assert loss == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_ridge_gradient_passes_scipy_check_grad() -> None:
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(30, 4)), rng.normal(size=30)
    for lam in (0.0, 0.3, 10.0):
        def f(w, lam=lam):
            return ex15.ridge_objective(w, X, y, lam)[0]

        def g(w, lam=lam):
            return ex15.ridge_objective(w, X, y, lam)[1]

        for _ in range(3):
            w0 = rng.normal(size=4)
            error = scipy.optimize.check_grad(f, g, w0)
            assert error < 1e-5 * max(1.0, np.linalg.norm(g(w0)))


def test_ridge_objective_mistakes_are_what_they_say() -> None:
    rng = np.random.default_rng(0)
    w, X, y, lam = rng.normal(size=3), rng.normal(size=(7, 3)), rng.normal(size=7), 0.4
    loss, grad = ex15.ridge_objective(w, X, y, lam)
    r, n = X @ w - y, 7
    variants = {name: fns["ridge_objective"](w, X, y, lam)
                for name, fns in ex15.MISTAKES.items()}
    np.testing.assert_allclose(variants["grad-missing-2"][1], X.T @ r / n + lam * w)
    np.testing.assert_allclose(variants["grad-missing-n"][1], 2 * X.T @ r + lam * w)
    np.testing.assert_allclose(variants["grad-missing-penalty"][1], grad - lam * w)
    assert variants["loss-sum-not-mean"][0] == pytest.approx(loss + (n - 1) * np.mean(r**2))
    assert variants["no-half-in-penalty"][0] == pytest.approx(loss + 0.5 * lam * w @ w)


# --- the gradient-consistent property ---------------------------------------------------------


def _property(name: str, functions: dict[str, Any], function: str, args: dict[str, Any],
              params: dict[str, Any], seed: int = 0) -> str | None:
    local = LocalFunctions(functions)
    ctx = Context(lambda a: local.call(function, a), args, params,
                  np.random.default_rng(seed), Tolerance())
    return PROPERTIES[name](ctx)


def test_gradient_consistent_property() -> None:
    rng = np.random.default_rng(1)
    args = {"w": rng.normal(size=3), "X": rng.normal(size=(9, 3)), "y": rng.normal(size=9),
            "lam": 0.5}
    params = {"wrt": "w"}
    reference = {"ridge_objective": ex15.ridge_objective}
    assert _property("gradient-consistent", reference, "ridge_objective", args, params) is None
    # Consistent variants (another objective, its own gradient) pass; inconsistent ones fail.
    for mistake in ("no-half-in-penalty", "sum-objective"):
        fns = ex15.MISTAKES[mistake]
        assert _property("gradient-consistent", fns, "ridge_objective", args, params) is None
    for mistake in ("grad-missing-2", "grad-missing-n", "grad-missing-penalty",
                    "grad-residual-sign", "loss-sum-not-mean"):
        fns = ex15.MISTAKES[mistake]
        problem = _property("gradient-consistent", fns, "ridge_objective", args, params)
        assert problem is not None and "derivative" in problem, mistake


# --- ex16: ridge fits and validation curves ---------------------------------------------------


def test_fit_and_curve_worked_example() -> None:
    X, y = [[1, 0], [0, 1], [1, 0], [0, 1]], [1, 2, 3, 4]
    np.testing.assert_allclose(ex16.fit_ridge(X, y, 1.0), [1.0, 1.5], rtol=1e-12)
    train, val = ex16.validation_curve(X, y, [[1, 0], [0, 1]], [1.5, 2.0], [0, 1, 3])
    np.testing.assert_allclose(train, [1.0, 2.625, 4.65625], rtol=1e-12)
    np.testing.assert_allclose(val, [0.625, 0.25, 1.28125], rtol=1e-12)


@SETTINGS
@given(ridge_problems(max_n=15, max_d=6), st.floats(0.01, 20))
def test_fit_ridge_matches_sklearn(problem, lam: float) -> None:
    # Ours minimises mean((Xw − y)²) + ½·lam·‖w‖². Times N, that is ‖Xw − y‖² + (N·lam/2)‖w‖²,
    # scikit-learn's Ridge objective with alpha = N·lam/2 (no intercept: ours has none).
    _, X, y, _ = problem
    n = X.shape[0]
    expected = Ridge(alpha=n * lam / 2, fit_intercept=False, solver="cholesky").fit(X, y).coef_
    np.testing.assert_allclose(ex16.fit_ridge(X, y, lam), expected, rtol=1e-7, atol=1e-9)


@SETTINGS
@given(ridge_problems(max_n=15, max_d=6), st.floats(0.01, 20))
def test_fit_ridge_zeroes_the_gradient_of_ex15(problem, lam: float) -> None:
    _, X, y, _ = problem
    w = ex16.fit_ridge(X, y, lam)
    _, grad = ex15.ridge_objective(w, X, y, lam)
    scale = 1.0 + np.abs(2 * X.T @ y / X.shape[0]).max()
    assert np.abs(grad).max() <= 1e-9 * scale


def test_fit_ridge_with_lam_zero_is_least_squares_and_shrinks_with_lam() -> None:
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(40, 6)), rng.normal(size=40)
    np.testing.assert_allclose(ex16.fit_ridge(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0],
                               rtol=1e-9, atol=1e-12)
    norms = [np.linalg.norm(ex16.fit_ridge(X, y, lam)) for lam in (0, 0.01, 0.1, 1, 10, 100)]
    assert all(a > b for a, b in zip(norms, norms[1:], strict=False))
    # More features than samples: solvable with lam > 0 only.
    wide = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    assert np.all(np.isfinite(ex16.fit_ridge(wide, [1.0, 2.0], 0.5)))
    with pytest.raises(np.linalg.LinAlgError):
        ex16.MISTAKES["fits-without-regulariser"]["fit_ridge"](wide, np.array([1.0, 2.0]), 0.5)


@SETTINGS
@given(ridge_problems(max_n=15, max_d=6),
       st.lists(st.floats(1e-3, 100), min_size=1, max_size=8))
def test_training_curve_never_decreases(problem, lam_values) -> None:
    # λ > 0 keeps the system solvable whatever X is (λ = 0 needs XᵀX invertible).
    _, X, y, _ = problem
    path = sorted(lam_values)
    train, val = ex16.validation_curve(X, y, X[:2], y[:2], path)
    assert train.dtype == val.dtype == np.float64 and train.shape == (len(path),)
    assert np.all(np.diff(train) >= -1e-9 * (1 + train[:-1]))


def test_validation_curve_measures_plain_mse_on_each_set() -> None:
    rng = np.random.default_rng(8)
    X_tr, y_tr = rng.normal(size=(20, 5)), rng.normal(size=20)
    X_val, y_val = rng.normal(size=(10, 5)), rng.normal(size=10)
    grid = [0.0, 0.1, 1.0]
    train, val = ex16.validation_curve(X_tr, y_tr, X_val, y_val, grid)
    for k, lam in enumerate(grid):
        n = 20
        coef = Ridge(alpha=n * lam / 2, fit_intercept=False, solver="cholesky").fit(X_tr, y_tr)
        assert train[k] == pytest.approx(np.mean((coef.predict(X_tr) - y_tr) ** 2), rel=1e-7)
        assert val[k] == pytest.approx(np.mean((coef.predict(X_val) - y_val) ** 2), rel=1e-7)


# --- ex17: dropout ------------------------------------------------------------------------------


def test_dropout_worked_example() -> None:
    draws = np.random.default_rng(1).random(6)
    np.testing.assert_allclose(draws, [0.512, 0.951, 0.144, 0.949, 0.312, 0.423], atol=6e-4)
    out = ex17.dropout([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 0.2, np.random.default_rng(1))
    np.testing.assert_allclose(out, [1.25, 2.5, 0.0, 5.0, 6.25, 7.5], rtol=1e-12)


@SETTINGS
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=6),
                  elements=floats),
       st.floats(0, 0.95), st.integers(0, 2**31 - 1))
def test_dropout_matches_an_explicit_redraw(x: np.ndarray, p: float, seed: int) -> None:
    out = ex17.dropout(x, p, np.random.default_rng(seed))
    # The same seed, drawn independently, element by element in row-major order.
    rng = np.random.default_rng(seed)
    expected = np.array([v / (1 - p) if rng.random() >= p else 0.0 for v in x.ravel()])
    assert out.dtype == np.float64 and out.shape == x.shape
    np.testing.assert_allclose(out.ravel(), expected, rtol=1e-12, atol=0)


def test_dropout_p_zero_is_the_identity_and_invalid_rates_raise() -> None:
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(ex17.dropout(x, 0.0, np.random.default_rng(0)), x)
    for p in (1.0, -0.1, 1.5, float("nan")):
        with pytest.raises(ValueError):
            ex17.dropout(x, p, np.random.default_rng(0))


def test_dropout_fraction_property() -> None:
    ones = np.ones((300, 400))
    params: dict[str, Any] = {}
    for seed in range(3):
        args = {"x": ones, "p": 0.3, "rng": RngSeed(seed)}
        assert _property("dropout-fraction", {"dropout": ex17.dropout}, "dropout", args,
                         params) is None
        # Right statistics with other numbers: the property passes, the value tests catch it.
        for mistake in ("mask-from-binomial", "draws-in-column-order"):
            fns = ex17.MISTAKES[mistake]
            assert _property("dropout-fraction", fns, "dropout", args, params) is None, mistake
        for mistake, words in (("no-rescale", "mean"), ("scales-by-1-over-p", "mean"),
                               ("mask-inverted", "zeroed")):
            fns = ex17.MISTAKES[mistake]
            problem = _property("dropout-fraction", fns, "dropout", args, params)
            assert problem is not None and words in problem, (mistake, problem)
    # Any non-zero input works, not only ones: the property divides by x.
    normal = np.random.default_rng(4).normal(size=(200, 300))
    args = {"x": normal, "p": 0.5, "rng": RngSeed(9)}
    assert _property("dropout-fraction", {"dropout": ex17.dropout}, "dropout", args,
                     params) is None


# --- ex18: batch normalisation ------------------------------------------------------------


def test_batchnorm_worked_example() -> None:
    out = ex18.batchnorm([[0, 1], [0, 3], [2, 5], [2, 7]], [0.5, 2.0], [1.0, -1.0])
    col1 = 0.5 * np.array([-1, -1, 1, 1]) / np.sqrt(1 + 1e-5) + 1.0
    col2 = 2.0 * np.array([-3, -1, 1, 3]) / np.sqrt(5 + 1e-5) - 1.0
    np.testing.assert_allclose(out, np.stack([col1, col2], axis=1), rtol=1e-12)
    np.testing.assert_allclose(out[:, 1], [-3.683279, -1.894426, -0.105574, 1.683279],
                               atol=1e-6)


batches = hnp.arrays(np.float64, st.tuples(st.integers(1, 12), st.integers(1, 5)),
                     elements=st.floats(-100, 100))


@SETTINGS
@given(batches, st.floats(1e-8, 1.0))
def test_batchnorm_matches_a_direct_two_pass_computation(x: np.ndarray, eps: float) -> None:
    n, d = x.shape
    rng = np.random.default_rng(n * 10 + d)
    gamma, beta = rng.uniform(0.5, 2, d), rng.normal(size=d)
    expected = np.empty_like(x)
    for j in range(d):
        col = [float(v) for v in x[:, j]]
        mean = sum(col) / n
        var = sum((v - mean) ** 2 for v in col) / n
        for i in range(n):
            expected[i, j] = gamma[j] * (col[i] - mean) / np.sqrt(var + eps) + beta[j]
    out = ex18.batchnorm(x, gamma, beta, eps)
    assert out.dtype == np.float64 and out.shape == x.shape
    np.testing.assert_allclose(out, expected, rtol=1e-9, atol=1e-9)


def test_batchnorm_agrees_with_standard_scaler_and_uses_the_biased_variance() -> None:
    # StandardScaler divides by the biased standard deviation too (ddof=0), without ε: with
    # eps far below the variances the two agree.
    x = np.random.default_rng(2).normal(3.0, 2.0, size=(16, 4))
    ones, zeros = np.ones(4), np.zeros(4)
    np.testing.assert_allclose(ex18.batchnorm(x, ones, zeros, eps=1e-300),
                               StandardScaler().fit_transform(x), rtol=1e-12, atol=1e-12)
    out = ex18.batchnorm(x, ones, zeros, eps=0.0)
    np.testing.assert_allclose(np.var(out, axis=0, ddof=0), 1.0, rtol=1e-12)
    assert not np.allclose(np.var(out, axis=0, ddof=1), 1.0, rtol=1e-3)
    # The unbiased variant is the reference rescaled by √((N − 1)/N) (with eps = 0).
    unbiased = ex18.MISTAKES["unbiased-variance"]["batchnorm"](x, ones, zeros, eps=0.0)
    np.testing.assert_allclose(unbiased, out * np.sqrt(15 / 16), rtol=1e-12)


def test_batchnorm_edges_and_the_one_pass_trap() -> None:
    np.testing.assert_allclose(ex18.batchnorm([[3.0, -1.0]], [2.0, 0.5], [0.1, 0.2]),
                               [[0.1, 0.2]])
    constant = ex18.batchnorm([[4.0], [4.0], [4.0]], [1.5], [-2.0])
    np.testing.assert_array_equal(constant, [[-2.0], [-2.0], [-2.0]])
    x = 1e6 + np.random.default_rng(0).normal(0, 0.01, size=(8, 3))
    good = ex18.batchnorm(x, np.ones(3), np.zeros(3))
    # The mean's rounding (~1e-10 at 10⁶) over a spread of 0.01: about 1e-8.
    np.testing.assert_allclose(good.mean(axis=0), 0.0, atol=1e-7)
    spread = np.var(x, axis=0)
    np.testing.assert_allclose(good.var(axis=0), spread / (spread + 1e-5), rtol=1e-6)
    bad = ex18.MISTAKES["one-pass-variance"]["batchnorm"](x, np.ones(3), np.zeros(3))
    assert not np.allclose(bad, good, rtol=1e-3, equal_nan=False)


# --- ex19: data augmentation ----------------------------------------------------------------


def test_augment_worked_examples() -> None:
    images = np.arange(1.0, 19.0).reshape(3, 2, 3)
    out = ex19.random_flip(images, np.random.default_rng(0))
    np.testing.assert_array_equal(out, [[[1, 2, 3], [4, 5, 6]], [[9, 8, 7], [12, 11, 10]],
                                        [[15, 14, 13], [18, 17, 16]]])
    noisy = ex19.add_noise([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], 0.5, np.random.default_rng(0))
    np.testing.assert_allclose(noisy, [[1.0629, 1.9339, 3.3202], [4.0525, 4.7322, 6.1808]],
                               atol=1e-4)


image_batches = hnp.arrays(np.int64, st.tuples(st.integers(1, 8), st.integers(1, 5),
                                               st.integers(1, 5)),
                           elements=st.integers(0, 255))


@SETTINGS
@given(image_batches, st.integers(0, 2**31 - 1))
def test_random_flip_matches_an_explicit_redraw(images: np.ndarray, seed: int) -> None:
    out = ex19.random_flip(images, np.random.default_rng(seed))
    rng = np.random.default_rng(seed)
    for i in range(len(images)):
        want = np.fliplr(images[i]) if rng.random() < 0.5 else images[i]
        np.testing.assert_array_equal(out[i], want)
    assert out.dtype == images.dtype
    # The same draws again undo the flips.
    np.testing.assert_array_equal(ex19.random_flip(out, np.random.default_rng(seed)), images)


def test_random_flip_does_not_modify_its_input() -> None:
    images = np.arange(24.0).reshape(2, 3, 4)
    images.flags.writeable = False
    out = ex19.random_flip(images, np.random.default_rng(3))
    assert out is not images
    np.testing.assert_array_equal(images, np.arange(24.0).reshape(2, 3, 4))


@SETTINGS
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=6),
                  elements=floats),
       st.floats(0, 5), st.integers(0, 2**31 - 1))
def test_add_noise_matches_an_explicit_redraw(x: np.ndarray, sigma: float, seed: int) -> None:
    out = ex19.add_noise(x, sigma, np.random.default_rng(seed))
    rng = np.random.default_rng(seed)
    expected = np.array([v + rng.normal(0.0, sigma) for v in x.ravel()]).reshape(x.shape)
    assert out.dtype == np.float64 and out.shape == x.shape
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)


def test_add_noise_has_the_asked_standard_deviation() -> None:
    x = np.zeros(200_000)
    noise = ex19.add_noise(x, 0.3, np.random.default_rng(1))
    assert abs(noise.mean()) < 5 * 0.3 / np.sqrt(x.size)
    assert noise.std() == pytest.approx(0.3, rel=0.01)
    squared = ex19.MISTAKES["noise-sigma-squared"]["add_noise"](x, 0.3, np.random.default_rng(1))
    assert squared.std() == pytest.approx(0.09, rel=0.01)
