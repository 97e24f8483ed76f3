"""The references of ex9–ex13 (softmax cross-entropy and its gradient, BCE on logits, the
perceptron loss, the multiclass hinge), checked against independent implementations.

As in tests/grading/test_references.py: each reference is compared with scikit-learn or SciPy where
they implement the same thing (convention differences are stated at each test), every
gradient with central finite differences, and each spec with its reference: the reference
passes every test of its spec, and every mistake variant fails one and can be told apart
from the others, so the grader can both fail it and name it.
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
from sklearn.metrics import hinge_loss as sk_hinge_loss
from sklearn.metrics import log_loss as sk_log_loss

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without an installed package
    sys.path.insert(0, str(ROOT))

from reference_harness import call as _call  # noqa: E402
from reference_harness import central_differences as _central_differences  # noqa: E402
from reference_harness import gradient_ok as _gradient_ok  # noqa: E402
from reference_harness import load_pack  # noqa: E402
from reference_harness import resolve as _resolve  # noqa: E402
from reference_harness import same as _same  # noqa: E402

from lossdrill.spec.model import (  # noqa: E402
    GradientTest,
    PropertyTest,
    RaisesTest,
    ValueTest,
)

STEMS = ("ex9_softmax_ce", "ex10_softmax_ce_grad", "ex11_bce_logits", "ex12_perceptron",
         "ex13_multiclass_hinge")


SOLUTIONS, EXERCISES = load_pack(STEMS)
ex9 = SOLUTIONS["ex9_softmax_ce"]
ex10 = SOLUTIONS["ex10_softmax_ce_grad"]
ex11 = SOLUTIONS["ex11_bce_logits"]
ex12 = SOLUTIONS["ex12_perceptron"]
ex13 = SOLUTIONS["ex13_multiclass_hinge"]

SETTINGS = settings(max_examples=50, deadline=None)
SEEDS = (1000, 2024, 7)  # hidden tests draw fresh inputs; the spec must hold for each


# --- Running a spec's tests without the grader ------------------------------------------
# A small stand-in for the engine, independent of it: inputs resolved as the spec describes
# them (generators from a fixed seed), passed read-only as the grader passes them.


def _property_holds(test: PropertyTest, fn, args: dict[str, Any]) -> bool:
    value = np.asarray(fn(**args), dtype=np.float64)
    if test.property == "non-negative":
        return bool(np.all(value >= 0.0))
    if test.property == "zero":
        return bool(np.all(np.abs(value) <= 1e-12))
    if test.property == "shift-invariant":
        name, axis = test.params["arg"], int(test.params.get("axis", -1))
        x = np.asarray(args[name], dtype=np.float64)
        shape = list(x.shape)
        shape[axis] = 1
        for shift in (-50.0, 37.5, np.random.default_rng(0).uniform(-50, 50, size=shape)):
            moved = np.asarray(fn(**{**args, name: x + shift}), dtype=np.float64)
            if not np.allclose(moved, value, rtol=1e-9, atol=1e-12):
                return False
        return True
    raise AssertionError(f"no stand-in for property {test.property}")


def _functions(stem: str, mistake: str | None = None) -> dict[str, Any]:
    module = SOLUTIONS[stem]
    fns = {name: getattr(module, name) for name in EXERCISES[stem].all_function_names}
    if mistake is not None:
        fns.update(module.MISTAKES[mistake])
    return fns


def _diagnosable(stem: str):
    """The tests the grader diagnoses from (value, raises, gradient), with their index."""
    return [(i, t) for i, t in enumerate(EXERCISES[stem].tests)
            if isinstance(t, (ValueTest, RaisesTest, GradientTest))]


def _outcomes(stem: str, mistake: str | None, seed: int) -> dict[str, tuple[str, Any]]:
    fns = _functions(stem, mistake)
    return {t.name: _call(fns[t.function], _resolve(t.args, seed + i))
            for i, t in _diagnosable(stem)}


def _fails(stem: str, mistake: str, seed: int) -> dict[str, tuple[str, Any]]:
    """The diagnosable tests a variant fails, judged as the grader would, with outcomes."""
    ex = EXERCISES[stem]
    reference = _outcomes(stem, None, seed)
    variant = _outcomes(stem, mistake, seed)
    fns = _functions(stem, mistake)
    failed = {}
    for i, test in _diagnosable(stem):
        tol = ex.tolerance_for(test)
        got = variant[test.name]
        if isinstance(test, RaisesTest):
            ok = got == ("raises", test.exception)
        elif isinstance(test, GradientTest):
            args = _resolve(test.args, seed + i)
            ok = _same(got, reference[test.name], tol.rtol, tol.atol) and _gradient_ok(
                got[1], args, fns[test.loss], test.wrt, 1e-4)
        else:
            ok = _same(got, reference[test.name], tol.rtol, tol.atol)
        if not ok:
            failed[test.name] = got
    return failed


# --- Every spec and its reference agree ---------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_spec_and_solution_list_the_same_mistakes(stem: str) -> None:
    ex = EXERCISES[stem]
    assert [m.id for m in ex.mistakes] == list(SOLUTIONS[stem].MISTAKES)
    assert len(ex.mistakes) >= 3
    for mistake, replaced in SOLUTIONS[stem].MISTAKES.items():
        assert replaced and set(replaced) <= set(ex.function_names), mistake


@pytest.mark.parametrize("stem", STEMS)
def test_texts_are_given_in_english_and_chinese(stem: str) -> None:
    ex = EXERCISES[stem]
    zh = ex.translations.get("zh", {})
    paths = ["title", "statement"] + [f"hints[{i}]" for i in range(len(ex.hints))]
    paths += [f"tests[{i}].name" for i in range(len(ex.tests))]
    paths += [f"tests[{i}].reason" for i, t in enumerate(ex.tests) if isinstance(t, RaisesTest)]
    paths += [f"functions[{i}].summary" for i in range(len(ex.functions))]
    paths += [f"mistakes[{i}].message" for i in range(len(ex.mistakes))]
    missing = [p for p in paths if not zh.get(p)]
    assert not missing, f"{stem}: no Chinese text for {missing}"
    assert 3 <= len(ex.hints) <= 5


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("stem", STEMS)
def test_reference_passes_its_own_spec(stem: str, seed: int) -> None:
    ex = EXERCISES[stem]
    for i, test in enumerate(ex.tests):
        fn = getattr(SOLUTIONS[stem], test.function)
        args = _resolve(test.args, seed + i)
        if isinstance(test, PropertyTest):
            assert _property_holds(test, fn, args), test.name
            continue
        kind, result = _call(fn, args)
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
def test_every_mistake_fails_a_diagnosable_test(stem: str, mistake: str) -> None:
    # Property tests fail too, but the grader names mistakes from value, raises and gradient
    # tests only, so each variant must fail one of those, whatever the hidden seed.
    for seed in SEEDS:
        assert _fails(stem, mistake, seed), f"{mistake} passes every test of {stem} ({seed})"


@pytest.mark.parametrize("stem", STEMS)
def test_mistakes_can_be_told_apart(stem: str) -> None:
    """Any two variants differ on at least one test that one of them fails."""
    ex = EXERCISES[stem]
    tolerance = {t.name: ex.tolerance_for(t) for t in ex.tests}
    seed = SEEDS[0]
    outcomes = {m: _outcomes(stem, m, seed) for m in SOLUTIONS[stem].MISTAKES}
    failing = {m: set(_fails(stem, m, seed)) for m in SOLUTIONS[stem].MISTAKES}
    for a, b in itertools.combinations(SOLUTIONS[stem].MISTAKES, 2):
        tests = failing[a] | failing[b]
        assert any(
            not _same(outcomes[a][t], outcomes[b][t], tolerance[t].rtol, tolerance[t].atol)
            for t in tests
        ), f"{a} and {b} behave identically on every test either fails"


# --- Shared strategies --------------------------------------------------------------------


@st.composite
def logits_and_labels(draw, bound: float = 10.0, min_classes: int = 2, max_classes: int = 8):
    n = draw(st.integers(1, 12))
    k = draw(st.integers(min_classes, max_classes))
    z = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-bound, bound)))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))
    return z, y


# --- ex9: softmax cross-entropy -----------------------------------------------------------


@SETTINGS
@given(logits_and_labels())
def test_softmax_ce_matches_sklearn_log_loss(case) -> None:
    # log_loss takes probabilities, so the logits go through SciPy's softmax first. It clips
    # them to [eps, 1 − eps] with eps the float64 machine epsilon, so the logits stay within
    # ±10 (the smallest probability, about e^−20/K, is far above eps); labels= lets y hold
    # fewer classes than K. Within that range the two agree to rounding.
    z, y = case
    p = scipy.special.softmax(z, axis=1)
    expected = sk_log_loss(y, p, labels=np.arange(z.shape[1]))
    assert ex9.softmax_cross_entropy(z, y) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(logits_and_labels(bound=1000.0))
def test_softmax_ce_matches_scipy_log_softmax_up_to_1000(case) -> None:
    z, y = case
    rows = np.arange(len(y))
    value = ex9.softmax_cross_entropy(z, y)
    assert np.isfinite(value) and value >= 0.0
    expected = -np.mean(scipy.special.log_softmax(z, axis=1)[rows, y])
    # The losses reach thousands here, where the absolute rounding of one log-sum-exp is
    # about 1e-13: hence the absolute slack.
    assert value == pytest.approx(expected, rel=1e-9, abs=1e-10)
    lse = scipy.special.logsumexp(z, axis=1)
    assert value == pytest.approx(np.mean(lse - z[rows, y]), rel=1e-9, abs=1e-10)


@SETTINGS
@given(logits_and_labels(bound=100.0), st.floats(-500, 500))
def test_softmax_ce_shift_and_permutation_invariance(case, shift) -> None:
    z, y = case
    value = ex9.softmax_cross_entropy(z, y)
    row_shift = np.linspace(-1.0, 1.0, len(y))[:, None] * shift
    assert ex9.softmax_cross_entropy(z + row_shift, y) == pytest.approx(value, rel=1e-9,
                                                                         abs=1e-9)
    order = np.random.default_rng(0).permutation(len(y))
    assert ex9.softmax_cross_entropy(z[order], y[order]) == pytest.approx(value, rel=1e-12,
                                                                          abs=1e-12)


def test_softmax_ce_worked_example_and_edges() -> None:
    ce = ex9.softmax_cross_entropy
    z, y = [[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], [0, 2]
    assert ce(z, y) == pytest.approx(1.4185, abs=5e-5)
    assert ce(z, y) == pytest.approx(
        -np.mean(np.log([np.exp(2.0) / np.exp(z[0]).sum(), np.exp(0.3) / np.exp(z[1]).sum()])),
        rel=1e-12,
    )
    assert ce(np.zeros((3, 5)), [0, 4, 2]) == pytest.approx(np.log(5), rel=1e-15)
    big = [[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0], [0.0, -1000.0, 1000.0]]
    assert ce(big, [1, 1, 0]) == 1000.0
    assert ce([[1000.0, 1000.0], [-1000.0, -1000.0]], [0, 1]) == pytest.approx(np.log(2))
    assert ce([[0.0, -800.0]], [1]) == 800.0
    assert type(ce(np.array([[1, 2]], dtype=np.int32), np.array([0], dtype=np.int32))) is float


def test_softmax_ce_float32_is_computed_in_float64() -> None:
    z32 = np.array([[2.0, 1.0, 0.1], [100.0, -100.0, 0.0]], dtype=np.float32)
    value = ex9.softmax_cross_entropy(z32, [0, 2])
    assert value == ex9.softmax_cross_entropy(z32.astype(np.float64), [0, 2])
    assert value == pytest.approx(scipy.special.logsumexp(z32.astype(np.float64), axis=1).dot(
        [0.5, 0.5]) - (z32[0, 0] + z32[1, 2]) / 2.0, rel=1e-12)


@pytest.mark.parametrize("logits,labels", [
    (np.zeros(3), [0]),                      # not 2-D
    (np.zeros((2, 3)), [0]),                 # one label for two rows
    (np.zeros((2, 3)), [0, 3]),              # class 3 of 3
    (np.zeros((2, 3)), [-1, 0]),             # negative index
    (np.zeros((2, 3)), [0.0, 1.0]),          # float labels
])
def test_softmax_ce_and_grad_reject_malformed_input(logits, labels) -> None:
    for fn in (ex9.softmax_cross_entropy, ex10.softmax_cross_entropy_grad):
        with pytest.raises(ValueError):
            fn(np.asarray(logits), np.asarray(labels))


# --- ex10: its gradient -------------------------------------------------------------------


@SETTINGS
@given(logits_and_labels())
def test_softmax_ce_grad_matches_central_differences_of_the_loss(case) -> None:
    z, y = case
    grad = ex10.softmax_cross_entropy_grad(z, y)
    assert grad.dtype == np.float64 and grad.shape == z.shape
    numeric = _central_differences(lambda x: ex9.softmax_cross_entropy(x, y), z)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


@SETTINGS
@given(logits_and_labels(bound=1000.0))
def test_softmax_ce_grad_matches_scipy_softmax(case) -> None:
    z, y = case
    grad = ex10.softmax_cross_entropy_grad(z, y)
    expected = (scipy.special.softmax(z, axis=1) - np.eye(z.shape[1])[y]) / len(y)
    np.testing.assert_allclose(grad, expected, rtol=1e-9, atol=1e-15)
    # Each row sums to 0 (probabilities sum to 1, minus one 1), and the true class is ≤ 0.
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-14)
    assert np.all(grad[np.arange(len(y)), y] <= 0.0)


def test_softmax_ce_grad_worked_example_and_edges() -> None:
    grad = ex10.softmax_cross_entropy_grad
    np.testing.assert_allclose(
        grad([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], [0, 2]),
        [[-0.1705, 0.1212, 0.0493], [0.0543, 0.4012, -0.4555]], atol=5e-5)
    big = [[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0], [0.0, -1000.0, 1000.0]]
    np.testing.assert_array_equal(grad(big, [1, 1, 0]) * 3,
                                  [[1.0, -1.0, 0.0], [0.0, 0.0, 0.0], [-1.0, 0.0, 1.0]])
    np.testing.assert_allclose(grad([[1000.0, 1000.0], [-1000.0, -1000.0]], [0, 1]),
                               [[-0.25, 0.25], [0.25, -0.25]], rtol=1e-15)
    z = np.array([[3.0, -1.0, 0.5]])
    z.flags.writeable = False  # works on its own copy
    np.testing.assert_allclose(grad(z, np.array([2])).sum(), 0.0, atol=1e-15)


# --- ex11: BCE on logits ------------------------------------------------------------------


@st.composite
def bce_cases(draw, bound: float = 15.0, soft: bool = False):
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=8))
    labels = st.floats(0, 1) if soft else st.sampled_from([0.0, 1.0])
    y = draw(hnp.arrays(np.float64, shape, elements=labels))
    z = draw(hnp.arrays(np.float64, shape, elements=st.floats(-bound, bound)))
    return y, z


@SETTINGS
@given(bce_cases())
def test_bce_logits_matches_sklearn_log_loss_on_sigmoid(case) -> None:
    # log_loss on σ(z): exact while σ(z) stays representable away from 0 and 1 (|z| ≤ 15,
    # σ ≥ 3e-7); beyond that its clipping and the rounding of σ to 1 make it the less exact
    # of the two. It wants hard labels, flattened for a 2-D batch (a mean over all entries).
    y, z = case
    expected = sk_log_loss(y.ravel(), scipy.special.expit(z).ravel(), labels=[0, 1])
    assert ex11.bce_with_logits(y, z) == pytest.approx(expected, rel=1e-7, abs=1e-12)


@SETTINGS
@given(bce_cases(bound=1000.0, soft=True))
def test_bce_logits_matches_scipy_log_expit_up_to_1000(case) -> None:
    # log σ(z) = log_expit(z) and log(1 − σ(z)) = log_expit(−z), both stable in SciPy. With
    # soft labels and |z| up to 1000 the two formulas round differently by ~1000·eps.
    y, z = case
    expected = -np.mean(y * scipy.special.log_expit(z) + (1 - y) * scipy.special.log_expit(-z))
    value = ex11.bce_with_logits(y, z)
    assert np.isfinite(value) and value >= 0.0
    assert value == pytest.approx(expected, rel=1e-9, abs=1e-10)


@SETTINGS
@given(bce_cases(bound=1000.0, soft=True))
def test_bce_logits_grad_matches_scipy_expit(case) -> None:
    y, z = case
    grad = ex11.bce_with_logits_grad(y, z)
    assert grad.dtype == np.float64 and grad.shape == z.shape
    np.testing.assert_allclose(grad, (scipy.special.expit(z) - y) / z.size, rtol=1e-12,
                               atol=1e-18)


@SETTINGS
@given(bce_cases(bound=20.0, soft=True))
def test_bce_logits_grad_matches_central_differences(case) -> None:
    y, z = case
    numeric = _central_differences(lambda x: ex11.bce_with_logits(y, x), z)
    np.testing.assert_allclose(ex11.bce_with_logits_grad(y, z), numeric, rtol=1e-5, atol=1e-8)


def test_bce_logits_worked_example_and_edges() -> None:
    loss, grad = ex11.bce_with_logits, ex11.bce_with_logits_grad
    y, z = [1.0, 0.0, 1.0, 0.0], [2.0, -1.0, -0.5, 3.0]
    assert loss(y, z) == pytest.approx(1.1157, abs=5e-5)
    np.testing.assert_allclose(grad(y, z), [-0.0298, 0.0672, -0.1556, 0.2381], atol=5e-5)
    assert loss([1.0, 0.0], [0.0, 0.0]) == pytest.approx(np.log(2), rel=1e-15)
    assert loss(y, [1000.0, -1000.0, -1000.0, 1000.0]) == 500.0
    np.testing.assert_array_equal(grad(y, [1000.0, -1000.0, -1000.0, 1000.0]),
                                  [0.0, 0.0, -0.25, 0.25])
    # σ(40) rounds to 1: the naive formula gives inf here, the reference 40.
    assert loss([0.0], [40.0]) == pytest.approx(40.0, rel=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert not np.isfinite(ex11.MISTAKES["naive-log-sigmoid"]["bce_with_logits"]([0.0], [40.0]))
    # A 2-D batch averages over all entries, and so divides the gradient by their number.
    y2, z2 = np.array([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]]), np.array([[0.5, -2, 4], [1.5, -0.3, -1]])
    assert loss(y2, z2) == pytest.approx(loss(y2.ravel(), z2.ravel()), rel=1e-15)
    np.testing.assert_allclose(grad(y2, z2).ravel(), grad(y2.ravel(), z2.ravel()), rtol=1e-15)


def test_bce_logits_rejects_mismatched_shapes() -> None:
    for fn in (ex11.bce_with_logits, ex11.bce_with_logits_grad):
        with pytest.raises(ValueError):
            fn(np.ones(3), np.ones(4))


# --- ex12: the perceptron loss ------------------------------------------------------------


@st.composite
def perceptron_cases(draw):
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=10))
    y = draw(hnp.arrays(np.int64, shape, elements=st.sampled_from([-1, 1])))
    s = draw(hnp.arrays(np.float64, shape, elements=st.floats(-10, 10)))
    return y, s


def _perceptron_loop(y, s) -> float:
    costs = [max(0.0, -float(a) * float(b)) for a, b in zip(np.ravel(y), np.ravel(s), strict=True)]
    return sum(costs) / len(costs)


@SETTINGS
@given(perceptron_cases())
def test_perceptron_matches_a_loop_and_sklearns_definition(case) -> None:
    # scikit-learn has no perceptron-loss metric. Its Perceptron is SGDClassifier with
    # loss="perceptron", whose per-sample loss is Hinge(threshold=0): max(0, 0 − p·y) for a
    # decision value p and a label y in {−1, +1} (sklearn/linear_model/_sgd_fast.pyx). That
    # Cython class is private; it is called below when present, and the plain loop always.
    y, s = case
    value = ex12.perceptron_loss(y, s)
    assert value == pytest.approx(_perceptron_loop(y, s), rel=1e-12, abs=1e-15)
    try:
        from sklearn.linear_model._sgd_fast import Hinge
    except ImportError:  # pragma: no cover - a private module that may move
        return
    perceptron = Hinge(0.0)
    expected = np.mean([perceptron.py_loss(float(p), float(t))
                        for p, t in zip(np.ravel(s), np.ravel(y), strict=True)])
    assert value == pytest.approx(expected, rel=1e-12, abs=1e-15)


@SETTINGS
@given(perceptron_cases())
def test_perceptron_identities(case) -> None:
    y, s = case
    value = ex12.perceptron_loss(y, s)
    assert value >= 0.0
    # max(0, −m) − max(0, m) = −m: flipping every score changes the loss by mean(y·s).
    flipped = ex12.perceptron_loss(y, -s)
    assert value - flipped == pytest.approx(-np.mean(y * s), rel=1e-9, abs=1e-12)
    # Below the hinge, and at most 1 below it: max(0, −m) ≤ max(0, 1 − m) ≤ max(0, −m) + 1.
    hinge = np.mean(np.maximum(0.0, 1.0 - y * s))
    assert value <= hinge + 1e-12 and hinge <= value + 1.0 + 1e-12
    # Positively homogeneous: scaling the scores scales the loss.
    assert ex12.perceptron_loss(y, 3.0 * s) == pytest.approx(3.0 * value, rel=1e-12, abs=1e-15)


def test_perceptron_worked_example_and_kink() -> None:
    assert ex12.perceptron_loss([1, -1, 1, -1, 1], [2.0, -0.5, -1.5, 3.0, 0.0]) == 0.9
    assert ex12.perceptron_loss([1.0, -1.0], [0.0, 0.0]) == 0.0
    assert ex12.perceptron_loss([1.0, -1.0, -1.0, 1.0], [1.0, -1.0, -1.0, 1.0]) == 0.0


@pytest.mark.parametrize(
    "labels", [[0, 1, 1, 0], [1, -1, 2, 1], [1.0, -1.0, 0.5, 1.0], [1.0, np.nan, -1.0, 1.0]]
)
def test_perceptron_rejects_labels_outside_plus_minus_one(labels) -> None:
    with pytest.raises(ValueError):
        ex12.perceptron_loss(np.asarray(labels), np.linspace(-1.0, 1.0, 4))


# --- ex13: the multiclass hinge -----------------------------------------------------------


def _weston_watkins_loop(s, y, margin) -> float:
    total = 0.0
    for row, label in zip(np.asarray(s, dtype=float), y, strict=True):
        for j, sj in enumerate(row):
            if j != label:
                total += max(0.0, sj - row[label] + margin)
    return total / len(y)


@SETTINGS
@given(logits_and_labels(bound=5.0), st.sampled_from([0.0, 0.5, 1.0, 2.5]))
def test_multiclass_hinge_matches_a_loop(case, margin) -> None:
    s, y = case
    expected = _weston_watkins_loop(s, y, margin)
    assert ex13.multiclass_hinge(s, y, margin) == pytest.approx(expected, rel=1e-12, abs=1e-12)


@SETTINGS
@given(logits_and_labels(bound=5.0, min_classes=3))
def test_max_variant_is_sklearns_crammer_singer_hinge(case) -> None:
    # For more than two classes sklearn's hinge_loss is the Crammer–Singer loss,
    # mean(max(0, 1 − (s_y − max_{j≠y} s_j))): the worst wrong class only, margin fixed at 1.
    # That is our "max-instead-of-sum" variant; the reference (Weston–Watkins, a sum over the
    # wrong classes) is never smaller, and equal when at most one class violates the margin.
    s, y = case
    labels = np.arange(s.shape[1])
    expected = sk_hinge_loss(y, s, labels=labels)
    max_variant = ex13.MISTAKES["max-instead-of-sum"]["multiclass_hinge"]
    assert max_variant(s, y) == pytest.approx(expected, rel=1e-9, abs=1e-12)
    rows = np.arange(len(y))
    terms = np.maximum(0.0, s - s[rows, y][:, None] + 1.0)
    terms[rows, y] = 0.0
    value = ex13.multiclass_hinge(s, y)
    assert value >= expected - 1e-12
    if np.all((terms > 0).sum(axis=1) <= 1):
        assert value == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(logits_and_labels(bound=5.0, max_classes=2),
       st.tuples(st.floats(-5, 5), st.floats(-5, 5)))
def test_two_classes_is_the_binary_hinge_on_the_score_difference(case, extra) -> None:
    # With K = 2 and margin 1 the loss is the binary hinge of s₁ − s₀ with labels ±1 (as the
    # statement says). sklearn's binariser is fitted on y_true alone, so both classes are
    # added in front, as in tests/grading/test_references.py.
    s, y = case
    s = np.vstack([[0.0, extra[0]], [0.0, extra[1]], s])
    y = np.concatenate([[0, 1], y])
    expected = sk_hinge_loss(2 * y - 1, s[:, 1] - s[:, 0])
    assert ex13.multiclass_hinge(s, y) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(logits_and_labels(bound=50.0), st.floats(-100, 100), st.floats(0, 3))
def test_multiclass_hinge_properties(case, shift, margin) -> None:
    s, y = case
    value = ex13.multiclass_hinge(s, y, margin)
    assert value >= 0.0
    row_shift = np.linspace(-1.0, 1.0, len(y))[:, None] * shift
    assert ex13.multiclass_hinge(s + row_shift, y, margin) == pytest.approx(value, rel=1e-9,
                                                                            abs=1e-9)
    # Non-decreasing in the margin, by at most (K − 1) per unit of margin.
    bigger = ex13.multiclass_hinge(s, y, margin + 0.5)
    assert value - 1e-12 <= bigger <= value + 0.5 * (s.shape[1] - 1) + 1e-9


def test_multiclass_hinge_worked_example_and_kinks() -> None:
    s = [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]
    assert ex13.multiclass_hinge(s, [0, 1, 2]) == pytest.approx(15.8 / 3, rel=1e-12)
    assert ex13.multiclass_hinge(s, [0, 1, 2], 0.0) == pytest.approx(12.8 / 3, rel=1e-12)
    # Crammer–Singer charges the worst wrong class only: 2.9, 0 and 6.6.
    assert sk_hinge_loss([0, 1, 2], np.asarray(s)) == pytest.approx(9.5 / 3, rel=1e-12)
    assert ex13.multiclass_hinge([[2.0, 1.0, 0.5]], [0]) == 0.0
    assert ex13.multiclass_hinge([[0.0, 0.0, 0.0]], [1], margin=0.0) == 0.0


def test_multiclass_hinge_keeps_the_margin_argument() -> None:
    s, y = np.array([[0.0, 0.5, -0.25, 3.0]]), np.array([0])
    assert ex13.multiclass_hinge(s, y, 0.0) == 3.5
    assert ex13.multiclass_hinge(s, y) == 1.5 + 0.75 + 4.0
    assert ex13.multiclass_hinge(s, y, margin=2) == 2.5 + 1.75 + 5.0
