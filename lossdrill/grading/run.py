"""The state of one grading run, shared by the test kinds: what was observed of the learner
(for diagnosis), what it printed, and the helpers every kind uses to call and to record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from lossdrill.errors import SpecError
from lossdrill.grading.diagnosis.failures import describe_failure
from lossdrill.grading.disclosure import Verdict
from lossdrill.grading.observation import FailureKind, Observation
from lossdrill.grading.reference import ReferenceSource
from lossdrill.grading.results import TestStatus
from lossdrill.i18n import _
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Exercise, GradientTest, Test, TestKind, ValueTest, Visibility


class Learner(Protocol):
    def call(self, function: str, args: dict[str, Any], timeout: float | None = None
             ) -> Outcome: ...


@dataclass
class Run:
    """One learner against one exercise: what it has, what it did, what it printed."""

    exercise: Exercise
    learner: Learner
    reference: ReferenceSource
    seed: int
    available: set[str]
    observations: list[Observation] = field(default_factory=list)
    # What the learner's code printed, with the visibility of the test it printed during.
    printed: list[tuple[Visibility, str]] = field(default_factory=list)
    pinpointed: int = 0


def call_learner(run: Run, test: Test, function: str, args: dict[str, Any]) -> Outcome:
    outcome = run.learner.call(function, args)
    if outcome.output:
        run.printed.append((test.visibility, outcome.output))
    return outcome


def expected_outcome(run: Run, test: ValueTest | GradientTest, function: str,
                     args: dict[str, Any]) -> Outcome:
    outcome = run.reference.call(function, args)
    if not outcome.ok:
        raise reference_failed(run, test, function, outcome)
    return outcome


def reference_failed(run: Run, test: Test, function: str, outcome: Outcome) -> SpecError:
    """The error for a reference that fails on a test's inputs: the spec's author's to fix."""
    return SpecError(_("{path}: the reference's {function} failed on test '{test}': {message}; "
                       "fix the reference or the test", path=run.exercise.solution_path,
                       function=function, test=test.name, message=outcome.message))


def failed_call(outcome: Outcome) -> Verdict:
    """The verdict on a test whose call of the learner's code did not return."""
    status = TestStatus.SKIPPED if outcome.kind == FailureKind.GAVE_UP else TestStatus.ERROR
    return Verdict(status, describe_failure(outcome))


def observe(run: Run, test: ValueTest | GradientTest, kind: TestKind, args: dict[str, Any]
            ) -> Observation:
    """Call the reference and the learner's function on a test's inputs, and record what the
    learner did for diagnosis; a failed call is already marked with its kind."""
    expected = expected_outcome(run, test, test.function, args).value
    got = call_learner(run, test, test.function, args)
    obs = Observation(test.name, kind, test.function, args, got, False, expected,
                      visibility=test.visibility)
    run.observations.append(obs)
    if not got.ok:
        obs.problem = got.kind
    return obs
