"""Pinpointed feedback: a wrong loss is re-run sample by sample and the samples that differ
are named — by the exercise's patterns where one fits, by a generic rule otherwise — and on
hidden tests only in words."""

from __future__ import annotations

import re

import numpy as np
import pytest

from lossdrill.grading.diagnosis.pinpoint import per_sample, pinpoint, sample
from lossdrill.grading.engine import check_functions
from lossdrill.grading.reference import load_reference
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.model import Tolerance

CATALOG = Catalog(find_pack())

# (exercise, mistake, visible test, what the pattern must say)
CASES = [
    ("ex1", "sum-instead-of-mean", "worked example", "every sample on its own gives the right"),
    ("ex1", "extra-half", "worked example", "off by the same factor, ×0.5"),
    ("ex2", "no-clipping", "float32 probabilities, including 0 and 1",
     "exactly those where the prediction is exactly 0 or 1"),
    ("ex2", "drops-negative-term", "worked example", "exactly those where the label is 0"),
    ("ex3", "no-clamp", "worked example, loss", "exactly those where the margin y·s is above 1"),
    ("ex3", "squared-hinge", "worked example, loss", "the margin y·s is below 1"),
    ("ex4", "mae-without-abs", "worked example (mae)", "the prediction is below the target"),
    ("ex5", "linear-without-offset", "worked example", "beyond δ (the linear part)"),
    ("ex5", "no-half-quadratic", "worked example", "within δ (the quadratic part)"),
]


def _result(exercise: str, mistake: str):
    ex = CATALOG.get(exercise)
    return check_functions(ex, load_reference(ex).with_mistake(mistake), seed=3)


@pytest.mark.parametrize(("exercise", "mistake", "test_name", "says"), CASES,
                         ids=[f"{e}-{m}" for e, m, _, _ in CASES])
def test_listed_mistake_is_pinpointed(exercise, mistake, test_name, says):
    result = _result(exercise, mistake)
    test = next(t for t in result.tests if t.name == test_name)
    assert test.status == "failed"
    assert test.pinpoint is not None, test.message
    assert says in test.pinpoint.pattern
    assert says in test.message  # the JSON message carries the pattern too
    assert test.pinpoint.rows, "a visible test shows the samples"
    differing = [row for row in test.pinpoint.rows if row.expected != row.got]
    if test.pinpoint.differing == 0:  # the reduction is wrong: the rows show samples agreeing
        assert not differing
    else:
        assert len(differing) == min(test.pinpoint.differing, len(test.pinpoint.rows))
    assert all(row.inputs for row in test.pinpoint.rows)


def test_hidden_tests_say_the_pattern_only():
    result = _result("ex3", "no-clamp")
    hidden = [t for t in result.tests if t.hidden and t.pinpoint is not None]
    assert hidden, "a hidden loss test is pinpointed"
    for test in hidden:
        assert test.pinpoint.rows == []
        assert "margin y·s is above 1" in test.pinpoint.pattern
        assert not re.search(r"samples? \d", test.pinpoint.pattern)  # no indices either


def test_samples_are_rows_of_every_per_sample_argument():
    args = {"y": np.arange(6.0).reshape(3, 2), "p": np.arange(3.0), "eps": 0.1,
            "w": np.ones(2)}
    assert per_sample({"y": args["y"], "p": args["p"]}) == 3
    one = sample(args, 1, 3)
    assert one["y"].tolist() == [[2.0, 3.0]] and one["p"].tolist() == [1.0]
    assert one["eps"] == 0.1 and one["w"].tolist() == [1.0, 1.0]  # not per-sample: kept


def test_unrelated_leading_lengths_are_not_pinpointed():
    def never(_args):
        raise AssertionError("must not be called")

    args = {"a": np.ones(3), "b": np.ones(4)}
    assert pinpoint(never, never, args, Tolerance(), ()) is None


def test_no_simple_rule_names_the_samples_on_visible_tests_only():
    y = np.array([1.0, 2.0, 3.0, 4.0])

    def reference(a):
        return Outcome(True, value=float(np.mean(a["y"])))

    def learner(a):
        value = float(np.mean(a["y"]))
        return Outcome(True, value=value + (1.0 if a["y"][0] in (2.0, 3.0) else 0.0))

    found = pinpoint(learner, reference, {"y": y}, Tolerance(), ())
    assert found is not None
    visible, hidden = found.pattern.full, found.pattern.public
    assert "samples 1, 2" in visible and "no simple rule" in visible
    assert "samples 1" not in hidden and "2 of 4 samples differ" in hidden


# -- array results ------------------------------------------------------------------------


def test_an_array_off_by_one_factor_says_so():
    from lossdrill.grading.diagnosis.pinpoint import array_pattern

    want = np.array([[1.0, -2.0], [0.0, 4.0]])
    said = array_pattern(want, want * 0.5, Tolerance())
    assert said is not None and "×0.5" in said.full and said.public == said.full


def test_whole_rows_and_columns_are_named_and_only_indices_on_visible_tests():
    from lossdrill.grading.diagnosis.pinpoint import array_pattern

    want = np.arange(12.0).reshape(3, 4) + 1
    rows = want.copy()
    rows[1] += 7.0
    said = array_pattern(want, rows, Tolerance())
    assert said is not None
    assert "rows" in said.full and "(1)" in said.full
    assert "rows" in said.public and "(1)" not in said.public
    cols = want.copy()
    cols[:, 2] = -cols[:, 2] + 0.5
    said = array_pattern(want, cols, Tolerance())
    assert said is not None and "columns" in said.full and "(2)" in said.full


def test_no_rule_names_the_worst_elements_on_visible_tests_only():
    from lossdrill.grading.diagnosis.pinpoint import array_pattern

    want = np.array([[1.0, 2.0], [3.0, 4.0]])
    got = np.array([[1.0, 2.5], [7.0, 4.0]])
    said = array_pattern(want, got, Tolerance())
    assert said is not None and "(1, 0)" in said.full and "(0, 1)" in said.full
    assert said.public == ""  # a hidden test says nothing of where


@pytest.mark.parametrize(("exercise", "mistake", "says"), [
    ("ex6", "mse-grad-missing-2", "×0.5"),
    ("ex6", "wrong-sign", "×-1"),
    ("ex8", "wrong-axis", "the worst elements"),
])
def test_array_mistakes_are_described(exercise, mistake, says):
    result = _result(exercise, mistake)
    messages = [t.message for t in result.tests if t.status == "failed" and t.kind == "value"]
    assert any(says in m for m in messages), messages
