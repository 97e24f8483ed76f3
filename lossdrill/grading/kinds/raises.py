"""The raises kind: the learner's function must raise the named exception on invalid input."""

from __future__ import annotations

from typing import Any

from lossdrill.grading.compare import abbreviate
from lossdrill.grading.diagnosis.failures import exception_name
from lossdrill.grading.disclosure import Said, Verdict, say
from lossdrill.grading.observation import Observation
from lossdrill.grading.results import TestStatus
from lossdrill.grading.run import Run, call_learner, failed_call
from lossdrill.i18n import _, language
from lossdrill.spec.model import Exercise, RaisesTest, TestKind


def run_raises(run: Run, test: RaisesTest, args: dict[str, Any]) -> Verdict:
    got = call_learner(run, test, test.function, args)
    obs = Observation(test.name, TestKind.RAISES, test.function, args, got, False,
                      test.exception, visibility=test.visibility)
    run.observations.append(obs)
    why = f": {_reason(run.exercise, test)}" if test.reason else ""
    if not got.ok and test.exception in got.exc_types:
        obs.passed = True
        return Verdict(TestStatus.PASSED)
    if got.ok:
        obs.problem = "no-raise"
        # What it returned is the learner's: said in full only.
        shown = Said(_("returned {value} ", value=abbreviate(got.value)), "")
        return Verdict(TestStatus.FAILED, say("{shown}instead of raising {exception}{why}",
                                              shown=shown, exception=test.exception, why=why))
    obs.problem = got.kind
    if got.exc_types:
        return Verdict(TestStatus.FAILED, say("raised {name}, expected {exception}{why}",
                                              name=exception_name(got),
                                              exception=test.exception, why=why))
    return failed_call(got)


def _reason(ex: Exercise, test: RaisesTest) -> str:
    return ex.text(f"tests[{ex.tests.index(test)}].reason", language())
