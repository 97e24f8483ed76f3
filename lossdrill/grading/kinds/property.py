"""The property kind: an invariant (invariants.py) checked by calling the learner's function
on the test's inputs and on inputs derived from them."""

from __future__ import annotations

from typing import Any

import numpy as np

from lossdrill.errors import SpecError
from lossdrill.grading.disclosure import Said, Verdict
from lossdrill.grading.kinds.invariants import PROPERTIES, CallFailed, Context, PropertyViolated
from lossdrill.grading.results import TestStatus
from lossdrill.grading.run import Run, call_learner, failed_call
from lossdrill.i18n import _
from lossdrill.spec.model import PropertyTest


def run_property(run: Run, test: PropertyTest, args: dict[str, Any],
                 rng: np.random.Generator) -> Verdict:
    check = PROPERTIES.get(test.property)
    if check is None:
        raise SpecError(_("{path}: test '{test}': unknown property '{name}' (known: {known})",
                          path=run.exercise.path, test=test.name, name=test.property,
                          known=", ".join(PROPERTIES)))
    ctx = Context(lambda a: call_learner(run, test, test.function, a), args, test.params, rng,
                  run.exercise.tolerance_for(test))
    try:
        problem = check(ctx)
    except CallFailed as exc:
        return failed_call(exc.outcome)
    except PropertyViolated as exc:
        problem = str(exc)
    if problem is None:
        return Verdict(TestStatus.PASSED)
    # An invariant's message names no input or value (invariants.py): the same in both forms.
    return Verdict(TestStatus.FAILED, Said.both(f"{test.function} {problem}"))
