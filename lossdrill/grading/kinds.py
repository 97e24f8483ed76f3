"""The test kinds value, raises, property and task: each runs one test of a spec against the
learner and returns its result (the gradient kind, with its finite differences, is in
gradients.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from lossdrill.errors import SpecError
from lossdrill.grading.compare import Comparison, abbreviate, as_array, compare
from lossdrill.grading.diagnosis.failures import describe_failure, exception_name
from lossdrill.grading.results import TestResult
from lossdrill.grading.run import (
    FATAL,
    Observation,
    Run,
    call_learner,
    failed_call,
    observe,
    test_result,
)
from lossdrill.i18n import _, language
from lossdrill.spec.model import (
    Exercise,
    PropertyTest,
    RaisesTest,
    TaskTest,
    ValueTest,
)

if TYPE_CHECKING:
    from lossdrill.grading.diagnosis.pinpoint import Pinpoint

# Pinpointing (on a failure), properties and tasks are imported by the tests that use them:
# a check of an exercise without them does not pay for their modules.

# Wrong scalar losses whose samples are examined one by one (each costs N calls).
MAX_PINPOINTED = 3


def run_value(run: Run, test: ValueTest, args: dict[str, Any]) -> TestResult:
    hidden = test.visibility == "hidden"
    obs = observe(run, test, "value", args)
    expected, got = obs.expected, obs.got
    if not got.ok:
        return failed_call(test, got)
    cmp = compare(expected, got.value, run.exercise.tolerance_for(test))
    obs.passed, obs.problem = cmp.ok, cmp.problem
    if cmp.ok:
        return test_result(test, "passed", "")
    scalar = (arr := as_array(expected)) is not None and arr.ndim == 0
    found = _pinpoint(run, test, args) if scalar and cmp.problem in (
        "value", "not-finite") else None
    message = cmp.brief if hidden else cmp.message
    if found is not None:
        message = message + _("; ") + found.pattern
    elif cmp.problem == "value":
        from lossdrill.grading.diagnosis.pinpoint import array_pattern

        pattern = array_pattern(expected, got.value, run.exercise.tolerance_for(test), hidden)
        if pattern:
            message = message + _("; ") + pattern
    if hidden:
        return test_result(test, "failed", message, pinpoint=found)
    return test_result(test, "failed", message, details=_details(args, expected, got.value, cmp),
                   pinpoint=found)


def _pinpoint(run: Run, test: ValueTest, args: dict[str, Any]) -> Pinpoint | None:
    """For the first few wrong scalar losses: which samples disagree, and why."""
    if run.pinpointed >= MAX_PINPOINTED:
        return None
    run.pinpointed += 1
    patterns = getattr(run.reference, "patterns", ())
    from lossdrill.grading.diagnosis.pinpoint import pinpoint

    return pinpoint(lambda a: call_learner(run, test, test.function, a),
                    lambda a: run.reference.call(test.function, a), args,
                    run.exercise.tolerance_for(test), patterns, test.visibility == "hidden",
                    language())


def _details(args: dict[str, Any], expected: Any, got: Any, cmp: Comparison) -> dict[str, str]:
    details = {name: abbreviate(value) for name, value in args.items()}
    details = {f"input {k}": v for k, v in details.items()}
    details["expected"] = abbreviate(expected)
    details["got"] = abbreviate(got)
    if cmp.max_abs is not None:
        finite_rel = cmp.max_rel is not None and np.isfinite(cmp.max_rel)
        rel = _(", rel {rel}", rel=f"{cmp.max_rel:.3g}") if finite_rel else ""
        details["largest error"] = (_("abs {abs}{rel}", abs=f"{cmp.max_abs:.3g}", rel=rel)
                                    + (_(" at index {where}", where=cmp.where) if cmp.where
                                       else ""))
    return details


def run_raises(run: Run, test: RaisesTest, args: dict[str, Any]) -> TestResult:
    hidden = test.visibility == "hidden"
    got = call_learner(run, test, test.function, args)
    obs = Observation(test.name, "raises", test.function, args, got, False, test.exception,
                      hidden=hidden)
    run.observations.append(obs)
    why = f": {_reason(run.exercise, test)}" if test.reason else ""
    if not got.ok and test.exception in got.exc_types:
        obs.passed = True
        return test_result(test, "passed", "")
    if got.ok:
        obs.problem = "no-raise"
        shown = "" if hidden else _("returned {value} ", value=abbreviate(got.value))
        return test_result(test, "failed", _("{shown}instead of raising {exception}{why}",
                                         shown=shown, exception=test.exception, why=why))
    obs.problem = got.kind
    if got.exc_types:
        return test_result(test, "failed", _("raised {name}, expected {exception}{why}",
                                         name=exception_name(got, hidden),
                                         exception=test.exception, why=why))
    return failed_call(test, got)


def _reason(ex: Exercise, test: RaisesTest) -> str:
    return ex.text(f"tests[{ex.tests.index(test)}].reason", language())


def run_property(run: Run, test: PropertyTest, args: dict[str, Any],
                  rng: np.random.Generator) -> TestResult:
    from lossdrill.grading.properties import PROPERTIES, CallFailed, Context, PropertyViolated

    check = PROPERTIES.get(test.property)
    if check is None:
        raise SpecError(f"{run.exercise.path}: test '{test.name}': unknown property "
                        f"'{test.property}' (known: {', '.join(PROPERTIES)})")
    ctx = Context(lambda a: call_learner(run, test, test.function, a), args, test.params, rng,
                  run.exercise.tolerance_for(test))
    try:
        problem = check(ctx)
    except CallFailed as exc:
        return failed_call(test, exc.outcome)
    except PropertyViolated as exc:
        problem = str(exc)
    if problem is None:
        return test_result(test, "passed", "")
    return test_result(test, "failed", f"{test.function} {problem}")


def run_task(run: Run, test: TaskTest, rng: np.random.Generator) -> TestResult:
    from lossdrill.grading.tasks import TASKS

    task = TASKS.get(test.task)
    if task is None:
        raise SpecError(f"{run.exercise.path}: test '{test.name}': unknown task '{test.task}' "
                        f"(known: {', '.join(TASKS)})")
    report = task(lambda f, a: call_learner(run, test, f, a), run.reference.call, test.params, rng)
    status = "passed" if report.passed else (
        "error" if report.failure is not None and report.failure.kind in FATAL else "failed")
    message = report.message
    if test.visibility == "hidden" and report.failure is not None:
        message = _("training stopped: {reason}",
                    reason=describe_failure(report.failure, hidden=True))
    return test_result(test, status, message, curves=report.curves)
