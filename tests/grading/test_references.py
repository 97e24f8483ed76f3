"""The reference solutions, checked against independent implementations.

The references in solutions/ define what every learner is graded against, so they are
cross-checked here against scikit-learn and SciPy, against finite differences, and against
their own specs: the reference raises where a spec says it must, and every mistake variant
in MISTAKES is observably different from the reference (and from the other variants) on the
tests of its spec, so that the grader can both fail it and name it.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import hinge_loss as sk_hinge_loss
from sklearn.metrics import log_loss as sk_log_loss
from sklearn.metrics import mean_squared_error as sk_mean_squared_error

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without an installed package
    sys.path.insert(0, str(ROOT))

from reference_harness import call as _call  # noqa: E402
from reference_harness import gradient_ok as _gradient_ok  # noqa: E402
from reference_harness import load_pack  # noqa: E402
from reference_harness import resolve as _resolve  # noqa: E402
from reference_harness import same as _same  # noqa: E402

from lossdrill.spec.model import (  # noqa: E402
    Exercise,
    GradientTest,
    RaisesTest,
    TaskTest,
    ValueTest,
)

STEMS = ("ex1_mse", "ex2_bce", "ex3_hinge")


SOLUTIONS, EXERCISES = load_pack(STEMS)
ex1 = SOLUTIONS["ex1_mse"]
ex2 = SOLUTIONS["ex2_bce"]
ex3 = SOLUTIONS["ex3_hinge"]

SETTINGS = settings(max_examples=60, deadline=None)


# --- Running a spec's tests without the grader ------------------------------------------
# With the stand-in for the engine in reference_harness.py: inputs resolved as the spec
# describes them (generators from a fixed seed) and passed read-only, as the grader does.


def _functions(stem: str, mistake: str | None = None) -> dict[str, Any]:
    module = SOLUTIONS[stem]
    fns = {name: getattr(module, name) for name in EXERCISES[stem].function_names}
    if mistake is not None:
        fns.update(module.MISTAKES[mistake])
    return fns


def _outcomes(stem: str, mistake: str | None) -> dict[str, tuple[str, Any]]:
    """Each non-task test's outcome, for the reference (None) or one mistake variant."""
    ex = EXERCISES[stem]
    fns = _functions(stem, mistake)
    out = {}
    for i, test in enumerate(ex.tests):
        if isinstance(test, TaskTest):
            continue
        assert isinstance(test, (ValueTest, RaisesTest, GradientTest))
        args = _resolve(test.args, seed=1000 + i)
        out[test.name] = _call(fns[test.function], args)
    return out


def _fails(stem: str, mistake: str) -> dict[str, tuple[str, Any]]:
    """The tests a variant fails, judged as the grader would, with their outcomes."""
    ex = EXERCISES[stem]
    reference = _outcomes(stem, None)
    variant = _outcomes(stem, mistake)
    fns = _functions(stem, mistake)
    failed = {}
    for i, test in enumerate(ex.tests):
        if isinstance(test, TaskTest):
            continue
        tol = ex.tolerance_for(test)
        got = variant[test.name]
        if isinstance(test, RaisesTest):
            ok = got == ("raises", test.exception)
        elif isinstance(test, GradientTest):
            args = _resolve(test.args, seed=1000 + i)
            ok = got[0] == "ok" and _gradient_ok(
                got[1], args, _functions(stem)[test.loss], test.wrt, tol.rtol
            )
            ok = ok and _gradient_ok(got[1], args, fns[test.loss], test.wrt, tol.rtol)
        else:
            ok = _same(got, reference[test.name], tol.rtol, tol.atol)
        if not ok:
            failed[test.name] = got
    return failed


# --- Every spec and its reference agree ---------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_spec_and_solution_list_the_same_mistakes(stem: str) -> None:
    ex: Exercise = EXERCISES[stem]
    assert [m.id for m in ex.mistakes] == list(SOLUTIONS[stem].MISTAKES)
    for mistake, replaced in SOLUTIONS[stem].MISTAKES.items():
        assert replaced, mistake
        assert set(replaced) <= set(ex.function_names), mistake


@pytest.mark.parametrize("stem", STEMS)
def test_reference_passes_its_own_spec(stem: str) -> None:
    ex = EXERCISES[stem]
    for i, test in enumerate(ex.tests):
        if isinstance(test, TaskTest):
            continue
        args = _resolve(test.args, seed=1000 + i)
        kind, result = _call(getattr(SOLUTIONS[stem], test.function), args)
        if isinstance(test, RaisesTest):
            assert (kind, result) == ("raises", test.exception), test.name
            continue
        assert kind == "ok", f"{test.name}: the reference raised {result}"
        if isinstance(test, GradientTest):
            assert isinstance(result, np.ndarray) and result.dtype == np.float64, test.name
            assert result.shape == np.shape(args[test.wrt]), test.name
            loss = getattr(SOLUTIONS[stem], test.loss)
            assert _gradient_ok(result, args, loss, test.wrt, 1e-6), test.name
        elif isinstance(result, np.ndarray):
            assert result.dtype == np.float64 and np.all(np.isfinite(result)), test.name
        else:
            assert type(result) is float and np.isfinite(result), test.name


@pytest.mark.parametrize("stem,mistake", [(s, m) for s in STEMS for m in SOLUTIONS[s].MISTAKES])
def test_every_mistake_fails_a_test_of_its_spec(stem: str, mistake: str) -> None:
    assert _fails(stem, mistake), f"{mistake} passes every test of {stem}"


@pytest.mark.parametrize("stem", STEMS)
def test_mistakes_can_be_told_apart(stem: str) -> None:
    """Any two variants differ on at least one test that one of them fails."""
    ex = EXERCISES[stem]
    tolerance = {t.name: ex.tolerance_for(t) for t in ex.tests}
    outcomes = {m: _outcomes(stem, m) for m in SOLUTIONS[stem].MISTAKES}
    failing = {m: set(_fails(stem, m)) for m in SOLUTIONS[stem].MISTAKES}
    for a, b in itertools.combinations(SOLUTIONS[stem].MISTAKES, 2):
        tests = failing[a] | failing[b]
        assert any(
            not _same(outcomes[a][t], outcomes[b][t], tolerance[t].rtol, tolerance[t].atol)
            for t in tests
        ), f"{a} and {b} behave identically on every test either fails"


# --- ex1: mean squared error --------------------------------------------------------------

floats = st.floats(-1e6, 1e6, allow_nan=False)
shapes = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=12)


@st.composite
def same_shape_pairs(draw):
    shape = draw(shapes)
    a = draw(hnp.arrays(np.float64, shape, elements=floats))
    b = draw(hnp.arrays(np.float64, shape, elements=floats))
    return a, b


@SETTINGS
@given(same_shape_pairs())
def test_mse_matches_sklearn(pair) -> None:
    # sklearn averages a 2-D input per column, then across columns (multioutput=
    # "uniform_average"). Every column has the same number of rows, so that is the mean over
    # all elements, which is the convention of our mse.
    y_true, y_pred = pair
    expected = sk_mean_squared_error(y_true, y_pred)
    assert ex1.mse(y_true, y_pred) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(same_shape_pairs())
def test_mse_properties(pair) -> None:
    y_true, y_pred = pair
    value = ex1.mse(y_true, y_pred)
    assert type(value) is float
    assert value >= 0.0
    assert ex1.mse(y_true, y_true) == 0.0
    assert value == pytest.approx(ex1.mse(y_pred, y_true), rel=1e-12)
    flat = np.random.default_rng(0).permutation(y_true.size)
    permuted = ex1.mse(y_true.ravel()[flat], y_pred.ravel()[flat])
    assert permuted == pytest.approx(value, rel=1e-9, abs=1e-12)


def test_mse_worked_example_and_integers() -> None:
    assert ex1.mse([1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 2.0, 6.0]) == 1.3125
    assert ex1.mse(np.array([1, 2, 3, 4]), np.array([2, 2, 5, 1])) == 3.5
    big_true = [1e8, -2e8, 3e8]
    big_pred = [1e8 + 0.5, -2e8 - 1.5, 3e8 + 2.0]
    assert ex1.mse(big_true, big_pred) == pytest.approx(6.5 / 3, rel=1e-15)


@pytest.mark.parametrize(
    "y_true,y_pred",
    [
        (np.ones((3, 1)), np.ones(3)),
        (np.ones(3), np.ones((3, 1))),
        (np.ones((2, 3)), np.ones(3)),
        (np.ones(3), np.ones(4)),
    ],
)
def test_mse_rejects_mismatched_shapes(y_true, y_pred) -> None:
    with pytest.raises(ValueError):
        ex1.mse(y_true, y_pred)


def test_mse_does_not_modify_read_only_inputs() -> None:
    a, b = np.arange(4.0), np.arange(4.0)[::-1].copy()
    a.flags.writeable = b.flags.writeable = False
    ex1.mse(a, b)
    with pytest.raises(ValueError, match="read-only"):
        ex1.MISTAKES["modifies-inputs"]["mse"](a, b)


# --- ex2: binary cross-entropy ------------------------------------------------------------

# sklearn's log_loss clips to the machine epsilon of p's dtype (2.2e-16 for float64; releases
# before 1.5 used 1e-15), and ours to eps = 1e-15: the two agree wherever p is further than
# that from 0 and 1, so the comparisons keep p inside [1e-6, 1 − 1e-6] and test the edges
# against −log(eps) directly.
probabilities = st.floats(1e-6, 1 - 1e-6)


@st.composite
def hard_label_cases(draw):
    n = draw(st.integers(1, 40))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 1)))
    p = draw(hnp.arrays(np.float64, n, elements=probabilities))
    return y, p


@SETTINGS
@given(hard_label_cases())
def test_bce_matches_sklearn_log_loss(case) -> None:
    y, p = case
    # labels=[0, 1] lets log_loss accept a y_true with a single class.
    expected = sk_log_loss(y, p, labels=[0, 1])
    assert ex2.binary_cross_entropy(y, p) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(
    hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(0, 1)).flatmap(
        lambda y: st.tuples(st.just(y), hnp.arrays(np.float64, y.shape, elements=probabilities))
    )
)
def test_bce_soft_labels_match_scipy_entropy(case) -> None:
    # Cross-entropy H(y, p) = H(y) + KL(y ‖ p), per sample, for Bernoulli distributions.
    y, p = case
    pk, qk = np.stack([y, 1 - y]), np.stack([p, 1 - p])
    expected = np.mean(scipy.stats.entropy(pk) + scipy.stats.entropy(pk, qk))
    assert ex2.binary_cross_entropy(y, p) == pytest.approx(expected, rel=1e-8, abs=1e-12)


def test_bce_worked_example_and_edges() -> None:
    bce = ex2.binary_cross_entropy
    assert bce([1.0, 0.0, 1.0, 0.0], [0.9, 0.2, 0.6, 0.8]) == pytest.approx(
        -np.log(0.9 * 0.8 * 0.6 * 0.2) / 4, rel=1e-12
    )
    assert bce([1.0, 0.0, 1.0], [0.5, 0.5, 0.5]) == pytest.approx(np.log(2), rel=1e-12)
    # Exactly 0 and 1: finite, ≈ 0 when right and ≈ −log(eps) per sample when wrong.
    assert 0 <= bce([0.0, 1.0], [0.0, 1.0]) < 1e-14
    assert bce([1.0, 0.0], [0.0, 1.0]) == pytest.approx(-np.log(1e-15), rel=1e-4)
    assert bce([1.0], [0.0], eps=1e-7) == pytest.approx(-np.log(1e-7), rel=1e-12)


def test_bce_converts_float32_before_clipping() -> None:
    p32 = np.array([0.0, 1.0, 0.3, 0.6], dtype=np.float32)
    y = np.array([0.0, 1.0, 1.0, 0.0])
    value = ex2.binary_cross_entropy(y, p32)
    assert np.isfinite(value)
    assert value == ex2.binary_cross_entropy(y, p32.astype(np.float64))
    # The trap the reference avoids: clipping in float32 leaves 1.0 in place.
    assert np.float32(1.0) == np.clip(p32, 1e-15, 1 - 1e-15)[1]


@SETTINGS
@given(hard_label_cases())
def test_bce_is_non_negative_and_swapping_labels_mirrors(case) -> None:
    y, p = case
    value = ex2.binary_cross_entropy(y, p)
    assert value >= 0.0
    assert ex2.binary_cross_entropy(1 - y, 1 - p) == pytest.approx(value, rel=1e-9, abs=1e-12)


# --- ex3: hinge loss ----------------------------------------------------------------------


@st.composite
def hinge_cases(draw):
    n = draw(st.integers(1, 40))
    y = draw(hnp.arrays(np.int64, n, elements=st.sampled_from([-1, 1])))
    s = draw(hnp.arrays(np.float64, n, elements=st.floats(-5, 5)))
    return y, s


@SETTINGS
@given(hinge_cases(), st.tuples(st.floats(-5, 5), st.floats(-5, 5)))
def test_hinge_matches_sklearn(case, extra) -> None:
    # sklearn's hinge_loss takes decision values and labels it binarises to ±1:
    # mean(max(0, 1 − y·s)). Its binariser is fitted on y_true alone (even when labels= is
    # given), so a single-class y_true would be mapped to −1: both classes are added here.
    y, s = case
    y, s = np.concatenate([[-1, 1], y]), np.concatenate([extra, s])
    expected = sk_hinge_loss(y, s)
    assert ex3.hinge_loss(y, s) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(hinge_cases())
def test_hinge_grad_matches_central_differences_away_from_kinks(case) -> None:
    y, s = case
    grad = ex3.hinge_grad(y, s)
    assert grad.dtype == np.float64 and grad.shape == s.shape
    h = 1e-6
    away = np.abs(y * s - 1.0) > 1e-3
    for i in np.flatnonzero(away):
        up, down = s.copy(), s.copy()
        up[i] += h
        down[i] -= h
        numeric = (ex3.hinge_loss(y, up) - ex3.hinge_loss(y, down)) / (2 * h)
        assert grad[i] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def test_hinge_worked_example_and_kink() -> None:
    y, s = [1.0, -1.0, 1.0, -1.0], [2.0, -0.5, 0.3, 1.5]
    assert ex3.hinge_loss(y, s) == pytest.approx(0.925, rel=1e-12)
    np.testing.assert_allclose(ex3.hinge_grad(y, s), [0.0, 0.25, -0.25, 0.25], rtol=1e-12)
    # At margin exactly 1 the loss is 0, and the reference takes the subgradient 0.
    assert ex3.hinge_loss([1, -1], [1.0, -1.0]) == 0.0
    np.testing.assert_array_equal(ex3.hinge_grad([1, -1], [1.0, -1.0]), [0.0, 0.0])


@pytest.mark.parametrize(
    "labels", [[0, 1, 1, 0], [1, -1, 2, 1], [1.0, -1.0, 0.5, 1.0], [1.0, np.nan, -1.0, 1.0]]
)
@pytest.mark.parametrize("fn", ["hinge_loss", "hinge_grad"])
def test_hinge_rejects_labels_outside_plus_minus_one(fn: str, labels) -> None:
    with pytest.raises(ValueError):
        getattr(ex3, fn)(np.asarray(labels), np.linspace(-1.0, 1.0, 4))


def test_hinge_subgradient_descent_separates_two_clouds() -> None:
    """What the hinge_classifier task relies on: the reference trains to the asked accuracy."""
    rng = np.random.default_rng(0)
    n, distance = 200, 3.0
    y = rng.choice([-1.0, 1.0], size=2 * n)
    x = rng.normal(size=(2 * n, 2)) + np.outer(y, [distance / 2, 0.0])
    w, b = np.zeros(2), 0.0
    losses = []
    for _ in range(100):
        scores = x[:n] @ w + b
        losses.append(ex3.hinge_loss(y[:n], scores))
        g = ex3.hinge_grad(y[:n], scores)
        w, b = w - 0.5 * (x[:n].T @ g), b - 0.5 * g.sum()
    accuracy = np.mean(np.sign(x[n:] @ w + b) == y[n:])
    assert losses[-1] < losses[0]
    assert accuracy >= 0.88


# --- The examples the README grades ------------------------------------------------------


def _learner_fails(stem: str, learner: ModuleType) -> dict[str, tuple[str, Any]]:
    """The tests a learner module fails, judged like _fails (task tests left to the grader)."""
    ex = EXERCISES[stem]
    reference = _outcomes(stem, None)
    failed = {}
    for i, test in enumerate(ex.tests):
        if isinstance(test, TaskTest):
            continue
        args = _resolve(test.args, seed=1000 + i)
        got = _call(getattr(learner, test.function), args)
        tol = ex.tolerance_for(test)
        if isinstance(test, RaisesTest):
            ok = got == ("raises", test.exception)
        elif isinstance(test, GradientTest):
            ok = got[0] == "ok" and _gradient_ok(
                got[1], args, getattr(learner, test.loss), test.wrt, tol.rtol
            )
        else:
            ok = _same(got, reference[test.name], tol.rtol, tol.atol)
        if not ok:
            failed[test.name] = got
    return failed


def _load_example(stem: str) -> ModuleType:
    path = ROOT / "examples" / f"{stem}.py"
    spec = importlib.util.spec_from_file_location(f"_lossdrill_example_{stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_ex1_passes_everything() -> None:
    assert (ROOT / "examples" / "ex1_mse.py").read_text().startswith("# lossdrill: ex1\n")
    assert _learner_fails("ex1_mse", _load_example("ex1_mse")) == {}


def test_example_ex2_fails_exactly_where_no_clipping_does() -> None:
    assert (ROOT / "examples" / "ex2_bce.py").read_text().startswith("# lossdrill: ex2\n")
    learner = _learner_fails("ex2_bce", _load_example("ex2_bce"))
    variant = _fails("ex2_bce", "no-clipping")
    assert learner.keys() == variant.keys() and learner
    for name, got in learner.items():
        assert _same(got, variant[name], 1e-9, 1e-12), name
