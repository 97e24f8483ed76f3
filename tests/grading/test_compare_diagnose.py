"""compare and diagnose: pure functions, tested on hand-built values and observations.

compare decides pass/fail for every value test, so its edges (shape, precision, NaN,
tolerance, tuples, lists, bools) are pinned here exactly. diagnose turns failing
observations into the one message a teacher would give; its generic signatures (a constant
factor N, ½, 2, −1, 1/ln 2, …) and its preference for a listed mistake are checked on
observations built by hand, without a learner process.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lossdrill.grading.compare import Comparison, compare
from lossdrill.grading.diagnosis.diagnose import _constant_factor, diagnose
from lossdrill.grading.disclosure import Explanation, Said
from lossdrill.grading.observation import Observation
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Mistake, Tolerance

EXACT = Tolerance(rtol=0.0, atol=0.0)
DEFAULT = Tolerance()


def _digits_free(text: str) -> bool:
    return not any(ch.isdigit() for ch in text)


# -- compare: type and shape ------------------------------------------------------------------


def test_equal_scalars_pass() -> None:
    assert compare(1.5, 1.5, DEFAULT) == Comparison(True)


def test_scalar_expected_array_of_shape_1_is_a_shape_problem() -> None:
    cmp = compare(2.0, np.array([2.0]), DEFAULT)
    assert not cmp.ok
    assert cmp.problem == "shape"
    assert "(1,)" in cmp.brief and "scalar" in cmp.brief


def test_array_expected_scalar_returned_is_a_shape_problem() -> None:
    cmp = compare(np.array([1.0, 2.0]), 1.0, DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "shape")
    assert "(2,)" in cmp.brief


def test_column_against_vector_is_a_shape_problem() -> None:
    cmp = compare(np.zeros(3), np.zeros((3, 1)), DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "shape")


@pytest.mark.parametrize("low", ["float32", "float16"])
def test_lower_precision_than_the_reference_is_a_precision_problem(low: str) -> None:
    # Even when the value happens to be within tolerance: the dtype itself is the fault.
    cmp = compare(np.float64(0.5), np.asarray(0.5, dtype=low), DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "precision")
    assert low in cmp.brief and "float64" in cmp.brief
    arrays = compare(np.array([0.25, 0.5]), np.array([0.25, 0.5], dtype=low), DEFAULT)
    assert (arrays.ok, arrays.problem) == (False, "precision")


def test_float32_expected_and_float64_returned_is_fine() -> None:
    assert compare(np.float32(0.5), 0.5, DEFAULT).ok


def test_integer_results_are_compared_by_value() -> None:
    assert compare(np.array([1.0, 2.0]), np.array([1, 2]), DEFAULT).ok
    assert compare(3.0, 3, DEFAULT).ok
    assert compare(np.array([1.0, 2.0]), np.array([1, 2], dtype=np.uint8), DEFAULT).ok


@pytest.mark.parametrize("got", [True, False, np.True_, np.bool_(False)])
def test_a_bool_is_not_a_number(got: Any) -> None:
    cmp = compare(1.0 if got else 0.0, got, DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "type")
    assert "bool" in cmp.brief


def test_a_bool_array_is_not_numbers() -> None:
    cmp = compare(np.array([1.0, 0.0]), np.array([True, False]), DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "type")


@pytest.mark.parametrize(
    "got", [None, "1.5", [1.0, [2.0, 3.0]], {"loss": 1.5}, 1.5 + 0j, object()],
    ids=["None", "str", "ragged", "dict", "complex", "object"],
)
def test_non_numbers_are_a_type_problem(got: Any) -> None:
    cmp = compare(1.5, got, DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "type")
    assert cmp.brief.startswith("returned ")


def test_lists_are_accepted_as_arrays() -> None:
    assert compare(np.array([0.5, 1.5]), [0.5, 1.5], DEFAULT).ok
    assert compare(np.array([[1.0, 2.0], [3.0, 4.0]]), [[1.0, 2.0], [3.0, 4.0]], DEFAULT).ok
    assert compare(np.array([1.0, 2.0]), [1, 2], DEFAULT).ok
    wrong = compare(np.array([0.5, 1.5]), [0.5, 9.0], DEFAULT)
    assert (wrong.ok, wrong.problem, wrong.where) == (False, "value", (1,))


def test_a_list_of_the_wrong_length_is_a_shape_problem() -> None:
    cmp = compare(np.array([0.5, 1.5]), [0.5, 1.5, 2.5], DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "shape")


# -- compare: values, NaN and tolerance -----------------------------------------------------


def test_a_wrong_scalar_names_both_values_and_the_errors() -> None:
    cmp = compare(1.5, 3.0, DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "value")
    assert "expected 1.5, got 3" in cmp.message
    assert cmp.max_abs == pytest.approx(1.5)
    assert cmp.max_rel == pytest.approx(1.0)
    # The brief is what hidden tests show: no value in it.
    assert cmp.brief == "wrong value"


def test_a_wrong_array_element_is_located() -> None:
    want = np.array([[1.0, 2.0], [3.0, 4.0]])
    have = want.copy()
    have[1, 0] = 3.5
    cmp = compare(want, have, DEFAULT)
    assert (cmp.ok, cmp.problem, cmp.where) == (False, "value", (1, 0))
    assert "1 of 4 elements differ" in cmp.message
    assert "(1, 0)" in cmp.message
    assert _digits_free(cmp.brief)


def test_nan_where_the_reference_is_finite_names_the_index() -> None:
    cmp = compare(np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.1, 0.2, np.nan, 0.4]), DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "not-finite")
    assert cmp.where == (2,)
    assert "nan" in cmp.message.lower() and "(2,)" in cmp.message
    assert _digits_free(cmp.brief)


def test_nan_at_index_0_is_still_located() -> None:
    cmp = compare(np.array([0.1, 0.2]), np.array([np.inf, 0.2]), DEFAULT)
    assert (cmp.problem, cmp.where) == ("not-finite", (0,))
    assert "(0,)" in cmp.message


def test_a_nan_scalar_where_the_reference_is_finite() -> None:
    cmp = compare(0.6931, float("nan"), DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "not-finite")


def test_special_values_match_themselves() -> None:
    assert compare(np.array([np.nan, np.inf, -np.inf]), [np.nan, np.inf, -np.inf], EXACT).ok
    assert compare(np.array([np.nan, np.inf, -np.inf]), [np.nan, np.inf, -np.inf], DEFAULT).ok
    # A finite value where the reference is NaN is wrong, and so is NaN where it is ∞.
    assert not compare(float("nan"), 0.0, DEFAULT).ok
    assert not compare(np.inf, float("nan"), DEFAULT).ok
    assert not compare(np.inf, -np.inf, EXACT).ok


@pytest.mark.parametrize("got", [-np.inf, 1e308, 0.0], ids=["-inf", "1e308", "zero"])
def test_an_infinite_expected_value_is_matched_only_by_the_same_infinity(got: float) -> None:
    assert not compare(np.inf, got, DEFAULT).ok
    assert not compare(np.array([1.0, np.inf]), np.array([1.0, got]), DEFAULT).ok


def test_no_relative_error_is_given_against_an_expected_zero() -> None:
    # A gradient that is 0 off the true class, and a learner's −3.6 there: the relative
    # error is infinite, so only the absolute one is said (never "rel error 1.79769e+308").
    cmp = compare(np.array([0.0, 1.0]), np.array([-3.6, 1.0]), DEFAULT)
    assert not cmp.ok and cmp.max_rel == np.inf
    assert cmp.message.endswith("(abs error 3.6)") and "e+308" not in cmp.message
    cmp = compare(np.array([np.inf, 1.0]), np.array([2.0, 1.0]), DEFAULT)
    assert cmp.max_abs == np.inf and "e+308" not in cmp.message


@pytest.mark.parametrize(
    ("expected", "got", "tol", "ok"),
    [
        # |got − expected| ≤ atol + rtol·|expected|, inclusive, in exactly representable numbers.
        (4.0, 5.0, Tolerance(rtol=0.25, atol=0.0), True),
        (4.0, 3.0, Tolerance(rtol=0.25, atol=0.0), True),
        (4.0, float(np.nextafter(5.0, 6.0)), Tolerance(rtol=0.25, atol=0.0), False),
        (0.0, 0.5, Tolerance(rtol=0.0, atol=0.5), True),
        (0.0, -0.5, Tolerance(rtol=0.0, atol=0.5), True),
        (0.0, float(np.nextafter(0.5, 1.0)), Tolerance(rtol=0.0, atol=0.5), False),
        (4.0, 5.5, Tolerance(rtol=0.25, atol=0.5), True),
        (4.0, 5.5 + 1e-9, Tolerance(rtol=0.25, atol=0.5), False),
        # rtol scales with the expected value, not the learner's.
        (-4.0, -5.0, Tolerance(rtol=0.25, atol=0.0), True),
        (1.0, 0.0, Tolerance(rtol=0.5, atol=0.0), False),
        (0.0, 1.0, Tolerance(rtol=0.5, atol=0.0), False),
        # The defaults (rtol 1e-9, atol 1e-12): round-off passes, a 1e-6 error does not.
        (0.1 + 0.2, 0.3, DEFAULT, True),
        (1.0, 1.0 + 1e-6, DEFAULT, False),
        (0.0, 1e-12, DEFAULT, True),
        (0.0, 1e-11, DEFAULT, False),
    ],
)
def test_tolerance_edges(expected: float, got: float, tol: Tolerance, ok: bool) -> None:
    assert compare(expected, got, tol).ok is ok
    # The same rule holds element by element inside an array.
    assert compare(np.array([1.0, expected]), np.array([1.0, got]), tol).ok is ok


@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3),
               elements=st.floats(-1e6, 1e6, allow_nan=False)),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
)
def test_any_value_matches_itself_and_fails_beyond_the_tolerance(
    values: np.ndarray, rtol: float, atol: float
) -> None:
    tol = Tolerance(rtol=rtol, atol=atol)
    assert compare(values, values.copy(), tol).ok
    if values.size:
        beyond = values + np.sign(values + 0.5) * (atol + rtol * np.abs(values) + 1.0)
        assert not compare(values, beyond, tol).ok


# -- compare: tuples --------------------------------------------------------------------------


def test_a_matching_tuple_passes_and_a_list_is_accepted_for_it() -> None:
    expected = (1.5, np.array([0.25, -0.5]))
    assert compare(expected, (1.5, np.array([0.25, -0.5])), DEFAULT).ok
    assert compare(expected, [1.5, [0.25, -0.5]], DEFAULT).ok


@pytest.mark.parametrize(
    "got", [1.5, (1.5,), (1.5, np.zeros(2), 0.0), None],
    ids=["scalar", "too-short", "too-long", "None"],
)
def test_a_tuple_of_the_wrong_length_or_kind_is_a_type_problem(got: Any) -> None:
    cmp = compare((1.5, np.zeros(2)), got, DEFAULT)
    assert (cmp.ok, cmp.problem) == (False, "type")
    assert "tuple of 2" in cmp.brief


def test_a_wrong_tuple_item_is_named() -> None:
    cmp = compare((1.5, np.array([0.25, -0.5])), (1.5, np.array([0.25, 0.5])), DEFAULT)
    assert (cmp.ok, cmp.problem, cmp.where) == (False, "value", (1,))
    assert cmp.message.startswith("item 1 of the result:")
    assert cmp.brief.startswith("item 1 of the result:")
    shape = compare((1.5, np.zeros(2)), (np.array([1.5]), np.zeros(2)), DEFAULT)
    assert (shape.problem, shape.brief.startswith("item 0")) == ("shape", True)


# -- diagnose: generic constant factors ---------------------------------------------------------


def observation(
    expected: Any,
    got: Any,
    *,
    n: int = 4,
    function: str = "loss",
    passed: bool = False,
    kind: str = "value",
    problem: str | None = None,
    outcome: Outcome | None = None,
    variants: dict[str, Outcome] | None = None,
    test: str = "t",
) -> Observation:
    """A call as grading records it: n is the size of the array arguments."""
    args = {"y_true": np.linspace(0.0, 1.0, n), "y_pred": np.linspace(1.0, 2.0, n)}
    got_outcome = outcome if outcome is not None else Outcome(True, value=got)
    if problem is None:
        problem = "" if passed else ("value" if got_outcome.ok else got_outcome.kind)
    return Observation(test, kind, function, args, got_outcome, passed, expected, problem,
                       dict(variants or {}))


def factor_id(ratio_of: Any, sizes: tuple[int, ...] = (4, 10, 7)) -> str | None:
    """The factor diagnosis for learners whose value is ratio_of(n) × the reference's."""
    observations = []
    for i, n in enumerate(sizes):
        want = 0.75 + i
        observations.append(observation(want, want * ratio_of(n), n=n, test=f"t{i}"))
    found = _constant_factor(observations)
    return None if found is None else found.id


@pytest.mark.parametrize(
    ("ratio", "ident"),
    [
        (lambda n: n, "factor-n"),
        (lambda n: 1 / n, "factor-1-over-n"),
        (lambda n: n / (n - 1), "factor-n-over-n-minus-1"),
        (lambda n: 0.5, "factor-half"),
        (lambda n: 2.0, "factor-2"),
        (lambda n: -1.0, "sign-flipped"),
        (lambda n: 1 / math.log(2), "factor-log2"),
        (lambda n: 1 / math.log(10), "factor-log10"),
    ],
    ids=["N", "1/N", "N/(N-1)", "half", "2", "-1", "1/ln2", "1/ln10"],
)
def test_constant_factor(ratio: Any, ident: str) -> None:
    assert factor_id(ratio) == ident


def test_constant_factor_on_array_results() -> None:
    want = np.array([0.5, -1.25, 2.0])
    obs = [observation(want, 2.0 * want, n=3), observation(want * 3, 6.0 * want, n=3)]
    found = _constant_factor(obs)
    assert found is not None and found.id == "factor-2"


def test_a_ratio_that_varies_is_no_constant_factor() -> None:
    obs = [observation(1.0, 2.0, test="a"), observation(1.0, 3.0, test="b")]
    assert _constant_factor(obs) is None
    assert factor_id(lambda n: 1.3) is None


def test_no_factor_without_a_usable_ratio() -> None:
    assert _constant_factor([]) is None
    # The reference is 0 here: no ratio can be taken, so no factor is claimed.
    assert _constant_factor([observation(0.0, 1.0), observation(1.0, 2.0)]) is None
    assert _constant_factor([observation(np.array([1.0, 2.0]), np.array([2.0]))]) is None


def test_a_factor_n_needs_some_n_above_1() -> None:
    # With N = 1 everywhere a ratio of 1 would be "N": but a ratio of 1 cannot fail, and a
    # ratio of 2 is the factor 2, not N.
    assert factor_id(lambda n: 2.0, sizes=(1, 1)) == "factor-2"


# -- diagnose: listed mistakes and several functions -------------------------------------------


DOUBLED = Mistake(id="doubled-loss", message="You doubled the loss: drop the factor 2.")
OTHER = Mistake(id="other-mistake", message="Something else.")


def test_a_listed_mistake_is_chosen_over_the_generic_signature() -> None:
    obs = [
        observation(1.0, 2.0, variants={"doubled-loss": Outcome(True, value=2.0),
                                         "other-mistake": Outcome(True, value=5.0)}, test="a"),
        observation(3.0, 6.0, variants={"doubled-loss": Outcome(True, value=6.0),
                                        "other-mistake": Outcome(True, value=1.0)}, test="b"),
    ]
    assert diagnose(obs, (OTHER, DOUBLED)) == [
        Explanation("doubled-loss", Said.both(DOUBLED.message))]
    # Without the variants the same observations get the generic diagnosis.
    for o in obs:
        o.variants.clear()
    assert [d.id for d in diagnose(obs, (OTHER, DOUBLED))] == ["factor-2"]


def test_a_listed_mistake_must_also_match_the_tests_that_passed() -> None:
    obs = [
        observation(1.0, 2.0, variants={"doubled-loss": Outcome(True, value=2.0)}, test="a"),
        # The learner passes this one, where the variant would have failed: not that mistake.
        observation(0.0, 0.0, passed=True,
                    variants={"doubled-loss": Outcome(True, value=7.0)}, test="b"),
    ]
    assert [d.id for d in diagnose(obs, (DOUBLED,))] == ["factor-2"]


def test_a_listed_mistake_is_matched_on_failures_too() -> None:
    error = Outcome(False, kind="exception", message="ValueError: bad",
                    exc_types=("ValueError", "Exception", "BaseException"))
    variant_error = Outcome(False, kind="exception", message="ValueError: other text",
                            exc_types=("ValueError", "Exception", "BaseException"))
    raises = Mistake(id="raises-on-valid-input", message="You reject valid input.")
    obs = [observation(1.0, None, outcome=error, variants={raises.id: variant_error})]
    assert [d.id for d in diagnose(obs, (raises,))] == [raises.id]
    # A variant that raises another exception type does not explain it.
    other = Outcome(False, kind="exception", exc_types=("TypeError", "Exception"))
    obs = [observation(1.0, None, outcome=error, variants={raises.id: other})]
    assert [d.id for d in diagnose(obs, (raises,))] == ["raised-exception"]


def test_a_variant_returning_infinity_does_not_explain_finite_values() -> None:
    blows_up = Mistake(id="blows-up", message="Your loss overflows.")
    obs = [
        observation(1.0, 2.5, variants={"blows-up": Outcome(True, value=float("inf"))},
                    test="a"),
        observation(3.0, 4.5, variants={"blows-up": Outcome(True, value=float("inf"))},
                    test="b"),
    ]
    assert "blows-up" not in [d.id for d in diagnose(obs, (blows_up,))]


def test_two_failing_functions_get_one_diagnosis_each() -> None:
    obs = [
        observation(0.5, 1.0, function="hinge_loss", test="loss a"),
        observation(0.25, 0.5, function="hinge_loss", test="loss b"),
        observation(np.array([0.0, -0.25]), np.array([0.0, 0.25]), function="hinge_grad",
                    test="grad a"),
        observation(np.array([0.5]), np.array([0.5]), function="hinge_grad", passed=True,
                    test="grad b"),
    ]
    found = diagnose(obs, ())
    assert [d.id for d in found] == ["factor-2", "sign-flipped"]


def test_the_same_diagnosis_for_two_functions_is_given_once() -> None:
    obs = [observation(0.5, 1.0, function="f"), observation(0.25, 0.5, function="g")]
    assert [d.id for d in diagnose(obs, ())] == ["factor-2"]


def test_passing_functions_get_no_diagnosis() -> None:
    obs = [observation(0.5, 0.5, passed=True), observation(1.0, 1.0, passed=True)]
    assert diagnose(obs, (DOUBLED,)) == []


@pytest.mark.parametrize(
    ("obs", "ident"),
    [
        (observation(1.0, None, outcome=Outcome(False, kind="inplace", message="read-only")),
         "modifies-inputs"),
        (observation(1.0, None, outcome=Outcome(False, kind="exception", message="boom",
                                                exc_types=("ZeroDivisionError", "Exception"))),
         "raised-exception"),
        (observation(1.0, None, outcome=Outcome(False, kind="timeout",
                                                message="did not finish within 2 s")),
         "timeout"),
        (observation(1.0, np.array([1.0]), problem="shape"), "wrong-shape"),
        (observation(1.0, np.float32(1.0), problem="precision"), "low-precision"),
        (observation(1.0, float("nan"), problem="not-finite"), "not-finite"),
        (observation("ValueError", 1.0, kind="raises", problem="no-raise"), "did-not-raise"),
    ],
    ids=["inplace", "exception", "timeout", "shape", "precision", "not-finite", "no-raise"],
)
def test_generic_signatures(obs: Observation, ident: str) -> None:
    assert [d.id for d in diagnose([obs], ())] == [ident]


def test_an_exception_diagnosis_names_the_type_not_the_message() -> None:
    # The message of an exception may quote inputs; the diagnosis names the type only.
    outcome = Outcome(False, kind="exception", message="ValueError: [0.123456, 0.654321]",
                      exc_types=("ValueError", "Exception"))
    (found,) = diagnose([observation(1.0, None, outcome=outcome)], ())
    assert "ValueError" in found.message.full and "ValueError" in found.message.public
    assert "0.123456" not in found.message.full
