"""The reference of ex27 (balanced class weights, the class-weighted cross-entropy and its
gradient, the focal loss) checked against independent implementations, and the task it adds
to the engine.

Independent implementations: scikit-learn's `compute_class_weight("balanced", …)` and
`log_loss(…, sample_weight=…)`, central differences of the loss for the gradient, and the
focal loss of Lin et al. (2017) written two ways: term by term as the paper states it, and as
torchvision's `sigmoid_focal_loss` composes it (the cross-entropy times (1 − p_t)^γ, then
α_t), here on probabilities.
"""

from __future__ import annotations

import math
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import log_loss
from sklearn.utils.class_weight import compute_class_weight

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without an installed package
    sys.path.insert(0, str(ROOT))

from reference_harness import call, central_differences, load_pack, resolve, same  # noqa: E402

from lossdrill.errors import SpecError  # noqa: E402
from lossdrill.grading.tasks import TASKS  # noqa: E402
from lossdrill.grading.tasks.imbalanced import imbalanced_blobs  # noqa: E402
from lossdrill.sandbox.local import LocalFunctions  # noqa: E402
from lossdrill.spec.model import GradientTest, RaisesTest, TaskTest  # noqa: E402

STEM = "ex27_imbalanced"
SOLUTIONS, EXERCISES = load_pack((STEM,))
REFERENCE = SOLUTIONS[STEM]
EXERCISE = EXERCISES[STEM]
FUNCTIONS = ("class_weights", "weighted_cross_entropy", "weighted_cross_entropy_grad",
             "focal_loss")
SETTINGS = settings(max_examples=30, deadline=None)
# Written so that this file does not hold them: `TODO:` in text and code, the default mistake id.
PLACEHOLDERS = ("TO" + "DO:", "TO" + "DO：", "to" + "do-")


def _functions(mistake: str | None = None) -> dict[str, Any]:
    functions = {name: getattr(REFERENCE, name) for name in FUNCTIONS}
    if mistake is not None:
        functions.update(REFERENCE.MISTAKES[mistake])
    return functions


def _caller(mistake: str | None = None):
    return LocalFunctions(_functions(mistake)).call


# --- The spec and its mistakes ------------------------------------------------------------


def test_the_spec_and_the_solution_list_the_same_mistakes() -> None:
    assert [m.id for m in EXERCISE.mistakes] == list(REFERENCE.MISTAKES)
    for mistake, replaced in REFERENCE.MISTAKES.items():
        assert replaced and set(replaced) <= set(FUNCTIONS), mistake
    zh = EXERCISE.translations.get("zh", {})
    paths = ["title", "statement", *(f"hints[{i}]" for i in range(len(EXERCISE.hints))),
             *(f"tests[{i}].name" for i in range(len(EXERCISE.tests))),
             *(f"tests[{i}].reason" for i, t in enumerate(EXERCISE.tests)
               if isinstance(t, RaisesTest)),
             *(f"functions[{i}].summary" for i in range(len(EXERCISE.functions))),
             *(f"mistakes[{i}].message" for i in range(len(EXERCISE.mistakes)))]
    assert not [p for p in paths if not zh.get(p)]


def test_no_placeholder_is_left() -> None:
    files = [EXERCISE.path, EXERCISE.solution_path,
             *sorted((ROOT / "tests" / "learners" / "ex27").glob("*.py"))]
    left = [str(path.relative_to(ROOT)) for path in files
            if any(mark in path.read_text(encoding="utf-8") for mark in PLACEHOLDERS)]
    assert not left, f"replace the placeholders in {', '.join(left)}"


def _outcomes(mistake: str | None, seed: int) -> dict[str, tuple[str, Any]]:
    fns = _functions(mistake)
    return {t.name: call(fns[t.function], resolve(t.args, seed + i))
            for i, t in enumerate(EXERCISE.tests) if not isinstance(t, TaskTest)}


@pytest.mark.parametrize("seed", [0, 1])
def test_the_reference_passes_its_own_spec_and_every_mistake_fails_it(seed: int) -> None:
    """Without the grader: the reference returns float64 results where the spec expects
    them and raises where it says, every variant differs from it on a test, and any two
    variants differ from each other on a test one of them fails."""
    reference = _outcomes(None, seed)
    for i, test in enumerate(EXERCISE.tests):
        if isinstance(test, TaskTest):
            continue
        kind, result = reference[test.name]
        if isinstance(test, RaisesTest):
            assert (kind, result) == ("raises", test.exception), test.name
            continue
        assert kind == "ok", f"{test.name}: the reference raised {result}"
        if isinstance(result, np.ndarray):
            assert result.dtype == np.float64 and np.isfinite(result).all(), test.name
        else:
            assert type(result) is float and math.isfinite(result), test.name
        if isinstance(test, GradientTest):
            args = resolve(test.args, seed + i)
            numeric = central_differences(
                lambda p, a=args: REFERENCE.weighted_cross_entropy(**{**a, "probs": p}),
                args["probs"])
            np.testing.assert_allclose(result, numeric, rtol=1e-5, atol=1e-6)
    failing = {}
    for mistake in REFERENCE.MISTAKES:
        got = _outcomes(mistake, seed)
        failing[mistake] = {t for t in got if not same(got[t], reference[t], 1e-4, 1e-12)}
        assert failing[mistake], f"{mistake} passes every test"
    outcomes = {m: _outcomes(m, seed) for m in REFERENCE.MISTAKES}
    for a in REFERENCE.MISTAKES:
        for b in REFERENCE.MISTAKES:
            if a < b:
                assert any(not same(outcomes[a][t], outcomes[b][t], 1e-5, 1e-8)
                           for t in failing[a] | failing[b]), (a, b)


# --- The worked examples ------------------------------------------------------------------

Y, P = [0, 0, 0, 1], [0.1, 0.2, 0.4, 0.3]


def test_the_worked_examples_of_the_statement() -> None:
    weights = REFERENCE.class_weights(Y, 2)
    np.testing.assert_allclose(weights, [2 / 3, 2.0], rtol=1e-15)
    assert REFERENCE.weighted_cross_entropy(Y, P, weights) == pytest.approx(0.74187, abs=5e-6)
    assert REFERENCE.weighted_cross_entropy(Y, P, [1.0, 3.0]) == pytest.approx(
        REFERENCE.weighted_cross_entropy(Y, P, weights), rel=1e-14)
    assert REFERENCE.weighted_cross_entropy(Y, P, [1.0, 1.0]) == pytest.approx(-math.log(0.6))
    np.testing.assert_allclose(REFERENCE.weighted_cross_entropy_grad(Y, P, [1.0, 3.0]),
                               [1 / 5.4, 1 / 4.8, 1 / 3.6, -3 / 1.8], rtol=1e-13)
    y, p = [1, 1, 0, 0], [0.9, 0.6, 0.3, 0.8]
    assert REFERENCE.focal_loss(y, p, 2.0, 0.25) == pytest.approx(0.20433, abs=5e-6)
    assert REFERENCE.focal_loss(y, p, 0.0) == pytest.approx(0.64557, abs=5e-6)


# --- class_weights against scikit-learn ----------------------------------------------------


@SETTINGS
@given(st.integers(1, 6).flatmap(
    lambda k: st.tuples(st.just(k), st.lists(st.integers(0, k - 1), min_size=1, max_size=80))))
def test_class_weights_match_sklearn_balanced(case) -> None:
    k, labels = case
    y = np.array(labels)
    y.flags.writeable = False
    classes = np.arange(k)
    if len(set(labels)) < k:  # a class absent from y: both refuse it
        with pytest.raises(ValueError):
            compute_class_weight("balanced", classes=classes, y=y)
        with pytest.raises(ValueError):
            REFERENCE.class_weights(y, k)
        return
    ours = REFERENCE.class_weights(y, k)
    assert ours.dtype == np.float64 and ours.shape == (k,)
    np.testing.assert_allclose(ours, compute_class_weight("balanced", classes=classes, y=y),
                               rtol=1e-14)
    # The weights average 1 over the samples: each class carries N/K of the total.
    assert ours[y].sum() == pytest.approx(len(labels), rel=1e-12)
    np.testing.assert_allclose(np.bincount(y, weights=ours[y]), len(labels) / k, rtol=1e-12)


def test_class_weights_accept_whole_floats_and_refuse_other_labels() -> None:
    np.testing.assert_array_equal(REFERENCE.class_weights([1.0, 0.0, 0.0, 0.0, 0.0], 2),
                                  [0.625, 2.5])
    for labels, k in (([0, 1, 2], 2), ([0, 1, -1], 2), ([0, 0.5, 1], 2), ([[0, 1], [1, 0]], 2)):
        with pytest.raises(ValueError):
            REFERENCE.class_weights(labels, k)


# --- The weighted cross-entropy against scikit-learn's log_loss ------------------------------


@st.composite
def weighted_cases(draw):
    n = draw(st.integers(1, 40))
    k = draw(st.integers(2, 5))
    binary = draw(st.booleans()) and k == 2
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, size=n)
    probs = rng.dirichlet(np.ones(k), size=n) * 0.98 + 0.02 / k  # rows sum to 1, away from 0
    weights = rng.uniform(0.0, 5.0, size=k)
    if weights[y].sum() == 0:
        weights[y[0]] = 1.0
    return y, (probs[:, 1] if binary else probs), weights


@SETTINGS
@given(weighted_cases())
def test_weighted_cross_entropy_matches_sklearn_log_loss(case) -> None:
    y, probs, weights = case
    k = 2 if probs.ndim == 1 else probs.shape[1]
    expected = log_loss(y, probs, sample_weight=weights[y], labels=np.arange(k))
    assert REFERENCE.weighted_cross_entropy(y, probs, weights) == pytest.approx(expected,
                                                                                rel=1e-10)
    # Scaling every weight by the same factor changes nothing.
    assert REFERENCE.weighted_cross_entropy(y, probs, 7.5 * weights) == pytest.approx(
        expected, rel=1e-10)


@SETTINGS
@given(weighted_cases())
def test_the_gradient_matches_central_differences(case) -> None:
    y, probs, weights = case
    grad = REFERENCE.weighted_cross_entropy_grad(y, probs, weights)
    assert grad.dtype == np.float64 and grad.shape == probs.shape
    numeric = central_differences(
        lambda p: REFERENCE.weighted_cross_entropy(y, p, weights), probs, h=1e-7)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-6)


def test_binary_and_two_column_probabilities_agree() -> None:
    rng = np.random.default_rng(4)
    p = rng.uniform(0.01, 0.99, size=30)
    y = rng.integers(0, 2, size=30)
    weights = np.array([0.4, 2.5])
    columns = np.column_stack([1 - p, p])
    assert REFERENCE.weighted_cross_entropy(y, p, weights) == pytest.approx(
        REFERENCE.weighted_cross_entropy(y, columns, weights), rel=1e-12)
    # d/dp of the binary form is the class-1 column's gradient minus the class-0 column's.
    two = REFERENCE.weighted_cross_entropy_grad(y, columns, weights)
    np.testing.assert_allclose(REFERENCE.weighted_cross_entropy_grad(y, p, weights),
                               two[:, 1] - two[:, 0], rtol=1e-12)


def test_edges_are_clipped_and_bad_input_refused() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no log(0), no division by 0
        loss = REFERENCE.weighted_cross_entropy([0, 1, 0, 1], [0.0, 1.0, 1.0, 0.0], [1.0, 4.0])
        grad = REFERENCE.weighted_cross_entropy_grad([0, 1], [1.0, 0.0], [1.0, 1.0])
    assert loss == pytest.approx(-math.log(1e-15) * 5 / 10, rel=1e-4)
    assert np.isfinite(grad).all() and grad[0] > 1e14 and grad[1] < -1e14
    bad = [([0, 1, 1], [0.2, 0.7, 0.6], [1.0, 2.0, 3.0]), ([0, 1], [0.2, 0.7, 0.6], [1.0, 2.0]),
           ([0, 1, 1], [0.2, 0.7, 0.6], [-1.0, 2.0]), ([0, 2], [0.2, 0.7], [1.0, 1.0]),
           ([0, 0], [0.2, 0.7], [0.0, 1.0]), ([0, 1], [[[0.5]]], [1.0])]
    for args in bad:
        for function in (REFERENCE.weighted_cross_entropy, REFERENCE.weighted_cross_entropy_grad):
            with pytest.raises(ValueError):
                function(*args)


# --- The focal loss against Lin et al.'s formula --------------------------------------------


def _focal_as_published(y, p, gamma, alpha, eps=1e-15):
    """FL(p_t) = −α_t (1 − p_t)^γ log(p_t), term by term (Lin et al. 2017, eq. 5)."""
    total = 0.0
    for yi, pi in zip(np.asarray(y).tolist(), np.asarray(p, dtype=float).tolist(), strict=True):
        pi = min(max(pi, eps), 1 - eps)
        p_t = pi if yi == 1 else 1 - pi
        alpha_t = 1.0 if alpha is None else (alpha if yi == 1 else 1 - alpha)
        total += -alpha_t * (1 - p_t) ** gamma * math.log(p_t)
    return total / len(y)


def _focal_as_torchvision_composes_it(y, p, gamma, alpha):
    """ce·(1 − p_t)^γ, then α_t = α·y + (1 − α)·(1 − y): sigmoid_focal_loss on probabilities."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    ce = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * (1 - p_t) ** gamma
    if alpha is not None:
        loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
    return float(loss.mean())


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 1), st.floats(0.001, 0.999)), min_size=1,
                max_size=50),
       st.sampled_from([0.0, 0.5, 1.0, 2.0, 5.0]), st.sampled_from([None, 0.0, 0.25, 0.5, 1.0]))
def test_focal_loss_matches_the_published_formula(pairs, gamma, alpha) -> None:
    y = np.array([a for a, _ in pairs])
    p = np.array([b for _, b in pairs])
    got = REFERENCE.focal_loss(y, p, gamma, alpha)
    assert type(got) is float
    assert got == pytest.approx(_focal_as_published(y, p, gamma, alpha), rel=1e-12, abs=1e-300)
    assert got == pytest.approx(_focal_as_torchvision_composes_it(y, p, gamma, alpha),
                                rel=1e-10, abs=1e-300)
    ce = log_loss(y, p, labels=[0, 1])
    if gamma == 0.0 and alpha is None:
        assert got == pytest.approx(ce, rel=1e-10)  # γ = 0 gives the cross-entropy back
    if gamma == 0.0 and alpha == 0.5:
        assert got == pytest.approx(ce / 2, rel=1e-10)
    if alpha is None:  # (1 − p_t)^γ ≤ 1: never more than the cross-entropy
        assert got <= ce * (1 + 1e-12)


def test_focal_loss_falls_as_gamma_grows_and_refuses_bad_parameters() -> None:
    y, p = [1, 0, 1, 0], [0.8, 0.3, 0.4, 0.9]
    values = [REFERENCE.focal_loss(y, p, g) for g in (0.0, 0.5, 1.0, 2.0, 5.0)]
    assert values == sorted(values, reverse=True)
    for args in ((y, p, -0.5), (y, p, 2.0, 1.5), (y, p, 2.0, -0.1), ([1, -1], [0.5, 0.5]),
                 ([1, 0, 1], [0.5, 0.5])):
        with pytest.raises(ValueError):
            REFERENCE.focal_loss(*args)


# --- The task -------------------------------------------------------------------------------

TASK = next(t for t in EXERCISE.tests if isinstance(t, TaskTest))


def test_the_task_passes_the_reference_and_recovers_the_minority() -> None:
    task = TASKS["imbalanced_recall"]
    for seed in range(8):
        ref = _caller()
        report = task(ref, ref, dict(TASK.params), np.random.default_rng(seed))
        assert report.passed, report.message
        m = report.metrics
        assert m["recall"] >= 0.7 and m["recall"] >= m["unweighted_recall"] + 0.15
        # The accuracy paradox: the unweighted model is the more accurate one.
        assert m["unweighted_accuracy"] > m["accuracy"]
        assert set(report.curves) == {"learner", "reference"}


def test_the_data_are_95_to_5_and_the_recall_bar_can_fail() -> None:
    rng = np.random.default_rng(0)
    X, y = imbalanced_blobs(rng, 400, 0.05, 2.5, np.array([1.0, 0.0]))
    assert y.sum() == 20 and X.shape == (400, 2)
    assert X[y == 1, 0].mean() - X[y == 0, 0].mean() == pytest.approx(2.5, abs=0.5)
    # A bar above what balanced weights reach fails the run and says what was needed.
    params = {**TASK.params, "min_recall": 0.999}
    report = TASKS["imbalanced_recall"](_caller(), _caller(), params, np.random.default_rng(0))
    assert not report.passed and "needed a recall of at least 1.00" in report.message


@pytest.mark.parametrize("mistake", ["balanced-without-k", "frequencies-not-inverse",
                                     "grad-ignores-weights", "grad-wrong-sign"])
def test_the_task_fails_the_mistakes_it_can_see(mistake: str) -> None:
    """The loss's own mistakes (mean-over-n, no-clipping) and the focal loss's do not show in
    this training: balanced and unit weights both sum to N, and a sigmoid is never exactly 0
    or 1. The value tests catch those."""
    report = TASKS["imbalanced_recall"](_caller(mistake), _caller(), dict(TASK.params),
                                        np.random.default_rng(0))
    assert not report.passed
    assert ("class_weights of the training labels" in report.message
            or "the loss curve leaves the reference run at epoch 1" in report.message), \
        report.message


def test_the_task_reports_a_call_that_fails() -> None:
    functions = _functions()
    functions["weighted_cross_entropy_grad"] = lambda *args: 1 / 0
    report = TASKS["imbalanced_recall"](LocalFunctions(functions).call, _caller(),
                                        dict(TASK.params), np.random.default_rng(0))
    assert not report.passed and report.message.startswith("training stopped:")
    assert report.failure is not None and report.failure.kind == "exception"
    functions = _functions()
    functions["class_weights"] = lambda y, n_classes: [1.0]
    report = TASKS["imbalanced_recall"](LocalFunctions(functions).call, _caller(),
                                        dict(TASK.params), np.random.default_rng(0))
    assert not report.passed and "did not return 2 finite numbers" in report.message
    functions = _functions()
    functions["class_weights"] = lambda y, n_classes: None
    with pytest.raises(SpecError, match="fix the reference"):
        TASKS["imbalanced_recall"](_caller(), LocalFunctions(functions).call,
                                   dict(TASK.params), np.random.default_rng(0))
