"""Record what a student pack needs of the reference: every answer the visible tests ask for.

Behind a wrapper that keeps each call it answers, the live reference grades itself and then
each mistake variant on the visible tests: that records the expected values, the reference's
side of gradient checks and tasks, and every variant's outcome on the same inputs (grading
runs the variants when a test fails, for the diagnosis). Then the reference's value on each
sample of every visible scalar test alone (what a pinpoint asks when such a test fails), and
the reference's curve of `lossdrill show --plot` / a failing check. Replaying them
(`ReplayReference`) grades the visible tests with no reference code at hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any

import numpy as np

from lossdrill.errors import SpecError
from lossdrill.grading.curves import curves
from lossdrill.grading.diagnosis.pinpoint import MAX_SAMPLES, per_sample, sample
from lossdrill.grading.engine import check_functions
from lossdrill.grading.inputs import VISIBLE_SEED, resolve_args, rng_for
from lossdrill.grading.reference import (
    ANSWERS_FORMAT,
    Reference,
    answer_key,
    encode_outcome,
    load_answers,
    sketch,
)
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Exercise, ValueTest


class RecordingReference:
    """A live reference that remembers every call it answers."""

    def __init__(self, live: Reference) -> None:
        self.live = live
        self.answers: dict[str, dict[str, Any]] = {"": {}}
        self.sketches: dict[str, list[Any]] = {}

    @property
    def mistakes(self) -> Mapping[str, Collection[str]]:
        return self.live.mistakes

    @property
    def patterns(self) -> tuple[Any, ...]:
        return self.live.patterns

    def call(self, function: str, args: dict[str, Any]) -> Outcome:
        return self._keep("", function, args, self.live.call(function, args))

    def call_variant(self, mistake_id: str, function: str, args: dict[str, Any]) -> Outcome:
        return self._keep(mistake_id, function, args,
                          self.live.call_variant(mistake_id, function, args))

    def _keep(self, source: str, function: str, args: dict[str, Any], outcome: Outcome
              ) -> Outcome:
        key = answer_key(function, args)
        self.answers.setdefault(source, {})[key] = encode_outcome(outcome)
        self.sketches[key] = [function, sketch(args)]
        return outcome


def visible_only(exercise: Exercise) -> Exercise:
    """The exercise as a student pack has it: its visible tests only."""
    return dataclasses.replace(exercise, tests=tuple(
        t for t in exercise.tests if t.visibility == "visible"))


def record_answers(exercise: Exercise, live: Reference) -> dict[str, Any]:
    """The answers document of one exercise (``answers/<stem>.json`` in a pack)."""
    released = visible_only(exercise)
    recorder = RecordingReference(live)
    result = check_functions(released, live.functions, seed=0, reference=recorder,
                             label=str(exercise.solution_path))
    if not result.passed:
        failing = next(t for t in result.tests if t.status != "passed")
        raise SpecError(f"{exercise.solution_path}: the reference fails its own visible test "
                        f"'{failing.name}' ({failing.message}); `lossdrill validate` first")
    with np.errstate(all="ignore"):
        for mistake_id in live.variants:  # a failing learner: the variants run, and pinpoints
            check_functions(released, live.with_mistake(mistake_id), seed=0, reference=recorder)
        _record_samples(released, recorder)
        if exercise.plot is not None:
            curves(exercise, recorder.call, "reference")
    hidden = [t for t in exercise.tests if t.visibility == "hidden"]
    return {
        "format": ANSWERS_FORMAT,
        "exercise": exercise.id,
        "hidden_tests": len(hidden),
        "hidden_points": sum(t.points for t in hidden),
        "mistakes": {mid: sorted(fns) for mid, fns in live.mistakes.items()},
        "answers": recorder.answers,
        "sketches": recorder.sketches,
    }


def _record_samples(exercise: Exercise, recorder: RecordingReference) -> None:
    """The reference on each sample alone of every visible test with a scalar answer."""
    for test in exercise.tests:
        if not isinstance(test, ValueTest):
            continue
        seed = test.seed if test.seed is not None else VISIBLE_SEED
        args = resolve_args(test.args, rng_for(seed, test.name))
        whole = recorder.call(test.function, args)
        n = per_sample(args)
        scalar = whole.ok and isinstance(whole.value, (float, int, np.generic))
        if not scalar or n < 2:
            continue
        for i in range(min(n, MAX_SAMPLES)):
            recorder.call(test.function, sample(args, i, n))


def prove_complete(exercise: Exercise, live: Reference, released_path: Any) -> None:
    """Grade the reference and a failing variant again, answered by the recording alone, and
    draw its curve: every answer is there."""
    replay = load_answers(exercise, released_path)
    released = visible_only(exercise)
    result = check_functions(released, live.functions, seed=0, reference=replay)
    if not result.passed:
        failing = next(t for t in result.tests if t.status != "passed")
        raise SpecError(f"{exercise.path}: test '{failing.name}' cannot be answered offline "
                        f"({failing.message}); its inputs may not be reproducible — pin its seed")
    with np.errstate(all="ignore"):
        for mistake_id in live.variants:
            offline = check_functions(released, live.with_mistake(mistake_id), seed=0,
                                      reference=replay)
            online = check_functions(released, live.with_mistake(mistake_id), seed=0)
            if [d.id for d in offline.diagnoses] != [d.id for d in online.diagnoses]:
                raise SpecError(f"{exercise.path}: mistake '{mistake_id}' is diagnosed "
                                "differently offline; release again (or report this)")
        if exercise.plot is not None:
            drawn = curves(exercise, replay.call, "reference") or []
            if any(np.isnan(c.y).any() for c in drawn) and not any(
                    np.isnan(c.y).any() for c in curves(exercise, live.call, "reference") or []):
                raise SpecError(f"{exercise.path}: the plot's reference curve cannot be drawn "
                                "offline; release again (or report this)")
