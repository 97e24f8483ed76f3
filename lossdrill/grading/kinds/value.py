"""The value kind: the learner's result against the reference's, within the tolerance; its
type and shape too. A wrong scalar loss is pinpointed sample by sample, a wrong array by the
rule that fits its wrong elements."""

from __future__ import annotations

from typing import Any

import numpy as np

from lossdrill.grading.compare import Comparison, abbreviate_apart, as_array, compare
from lossdrill.grading.disclosure import Said, Samples, Verdict
from lossdrill.grading.results import TestStatus
from lossdrill.grading.run import Run, call_learner, failed_call, observe
from lossdrill.i18n import _, language
from lossdrill.spec.model import TestKind, ValueTest

# Wrong scalar losses whose samples are examined one by one (each costs N calls).
MAX_PINPOINTED = 3


def run_value(run: Run, test: ValueTest, args: dict[str, Any]) -> Verdict:
    obs = observe(run, test, TestKind.VALUE, args)
    expected, got = obs.expected, obs.got
    if not got.ok:
        return failed_call(got)
    tol = run.exercise.tolerance_for(test)
    cmp = compare(expected, got.value, tol)
    obs.passed, obs.problem = cmp.ok, cmp.problem
    if cmp.ok:
        return Verdict(TestStatus.PASSED)
    scalar = (arr := as_array(expected)) is not None and arr.ndim == 0
    found = _pinpoint(run, test, args) if scalar and cmp.problem in (
        "value", "not-finite") else None
    message = Said(cmp.message, cmp.brief)
    if found is not None:
        message = message.then(_("; "), found.pattern)
    elif cmp.problem == "value":
        # Imported on a failure only: a passing check does not pay for pinpointing.
        from lossdrill.grading.diagnosis.pinpoint import array_pattern

        message = message.then(_("; "), array_pattern(expected, got.value, tol))
    return Verdict(TestStatus.FAILED, message, details=_details(args, expected, got.value, cmp),
                   samples=found)


def _pinpoint(run: Run, test: ValueTest, args: dict[str, Any]) -> Samples | None:
    """For the first few wrong scalar losses: which samples disagree, and why."""
    if run.pinpointed >= MAX_PINPOINTED:
        return None
    run.pinpointed += 1
    patterns = getattr(run.reference, "patterns", ())
    from lossdrill.grading.diagnosis.pinpoint import pinpoint

    return pinpoint(lambda a: call_learner(run, test, test.function, a),
                    lambda a: run.reference.call(test.function, a), args,
                    run.exercise.tolerance_for(test), patterns, language())


def _details(args: dict[str, Any], expected: Any, got: Any, cmp: Comparison) -> dict[str, str]:
    # One number of digits for all, enough to tell apart what differs (inputs, expected, got).
    names = [f"input {name}" for name in args] + ["expected", "got"]
    details = dict(zip(names, abbreviate_apart([*args.values(), expected, got]), strict=True))
    if cmp.max_abs is not None:
        finite_rel = cmp.max_rel is not None and np.isfinite(cmp.max_rel)
        rel = _(", rel {rel}", rel=f"{cmp.max_rel:.3g}") if finite_rel else ""
        details["largest error"] = (_("abs {abs}{rel}", abs=f"{cmp.max_abs:.3g}", rel=rel)
                                    + (_(" at index {where}", where=cmp.where) if cmp.where
                                       else ""))
    return details
