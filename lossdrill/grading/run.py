"""The state of one grading run, shared by the test kinds: what was observed of the learner
(for diagnosis), what it printed, and the helpers every kind uses to call and to record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from lossdrill.errors import SpecError
from lossdrill.grading.diagnosis.failures import describe_failure
from lossdrill.grading.reference import ReferenceSource
from lossdrill.grading.results import TestResult
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Exercise, RaisesTest


class Learner(Protocol):
    def call(self, function: str, args: dict[str, Any], timeout: float | None = None
             ) -> Outcome: ...


# Outcomes after which the learner process is gone.
FATAL = frozenset({"timeout", "died", "exit", "protocol"})


@dataclass
class Observation:
    """One call of a learner's function on a test's inputs, kept for diagnosis."""

    test: str
    kind: str  # value, raises, gradient
    function: str
    args: dict[str, Any]
    got: Outcome
    passed: bool
    expected: Any = None
    problem: str = ""
    variants: dict[str, Outcome] = field(default_factory=dict)
    hidden: bool = False  # then nothing the learner's code wrote may be shown


@dataclass
class Run:
    """One learner against one exercise: what it has, what it did, what it printed."""

    exercise: Exercise
    learner: Learner
    reference: ReferenceSource
    seed: int
    available: set[str]
    results: list[TestResult] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    output: list[str] = field(default_factory=list)
    hidden_output_chars: int = 0
    pinpointed: int = 0


def test_result(test: Any, status: str, message: str, **extra: Any) -> TestResult:
    return TestResult(test.name, test.kind, test.visibility, status,
                      test.points if status == "passed" else 0.0, test.points, message, **extra)


def call_learner(run: Run, test: Any, function: str, args: dict[str, Any]) -> Outcome:
    outcome = run.learner.call(function, args)
    if test.visibility == "hidden":
        run.hidden_output_chars += len(outcome.output)
    elif outcome.output:
        run.output.append(outcome.output)
    return outcome


def expected_outcome(run: Run, test: Any, function: str, args: dict[str, Any]) -> Outcome:
    outcome = run.reference.call(function, args)
    if not outcome.ok and not isinstance(test, RaisesTest):
        raise SpecError(f"{run.exercise.solution_path}: the reference's {function} failed on "
                        f"test '{test.name}': {outcome.message}; fix the reference or the test")
    return outcome


def failed_call(test: Any, outcome: Outcome) -> TestResult:
    status = "skipped" if outcome.kind == "gave-up" else "error"
    return test_result(test, status, describe_failure(outcome, test.visibility == "hidden"))


def observe(run: Run, test: Any, kind: str, args: dict[str, Any]) -> Observation:
    """Call the reference and the learner's function on a test's inputs, and record what the
    learner did for diagnosis; a failed call is already marked with its kind."""
    expected = expected_outcome(run, test, test.function, args).value
    got = call_learner(run, test, test.function, args)
    obs = Observation(test.name, kind, test.function, args, got, False, expected,
                      hidden=test.visibility == "hidden")
    run.observations.append(obs)
    if not got.ok:
        obs.problem = got.kind
    return obs
