"""The built-in pack holds together: references pass under many seeds, starters fail, and
every listed mistake fails and is diagnosed as itself (graded in-process, as trusted code)."""

from __future__ import annotations

import pytest

from lossdrill.grading.engine import check_functions
from lossdrill.grading.reference import load_reference
from lossdrill.spec.catalog import Catalog, find_pack

CATALOG = Catalog(find_pack())
EXERCISES = CATALOG.all()
MISTAKE_CASES = [(ex, m.id) for ex in EXERCISES for m in ex.mistakes]


def test_the_first_three_exercises_are_there_in_order():
    assert [e.id for e in EXERCISES][:3] == ["ex1", "ex2", "ex3"]
    assert [e.slug for e in EXERCISES][:3] == ["mse", "bce", "hinge"]


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_reference_passes_every_test_under_many_seeds(ex):
    reference = load_reference(ex)
    for seed in range(20):
        result = check_functions(ex, reference.functions, seed=seed)
        failing = [(t.name, t.message) for t in result.tests if t.status != "passed"]
        assert result.status == "passed", (seed, failing)
        assert result.score == result.max_score


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_spec_has_a_hint_ladder_and_three_mistakes(ex):
    assert len(ex.hints) >= 3
    assert len(ex.mistakes) >= 3
    assert any(t.visibility == "visible" for t in ex.tests)
    assert any(t.visibility == "hidden" for t in ex.tests)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_every_listed_mistake_has_a_variant(ex):
    assert set(load_reference(ex).mistakes) == {m.id for m in ex.mistakes}


@pytest.mark.parametrize(("ex", "mistake"), MISTAKE_CASES,
                         ids=[f"{e.id}-{m}" for e, m in MISTAKE_CASES])
def test_mistake_fails_and_is_diagnosed_as_itself(ex, mistake):
    reference = load_reference(ex)
    for seed in (0, 1, 2):
        result = check_functions(ex, reference.with_mistake(mistake), seed=seed)
        assert result.status == "failed"
        assert result.score < result.max_score
        assert [d.id for d in result.diagnoses][:1] == [mistake], (seed, result.diagnoses)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_starter_defines_every_function_and_fails(ex):
    from lossdrill.spec.starter import starter_source

    namespace: dict = {}
    exec(compile(starter_source(ex), f"{ex.id}.py", "exec"), namespace)
    functions = {name: namespace[name] for name in ex.function_names}
    result = check_functions(ex, functions, seed=0)
    assert result.status == "failed"
    assert result.score == 0
    assert {d.id for d in result.diagnoses} == {"not-implemented"}
