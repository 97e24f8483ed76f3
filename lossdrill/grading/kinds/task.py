"""The task kind: an end-to-end use of the learner's functions (tasks/), such as training a
model with their loss and gradient, run in the grader beside the same run on the reference."""

from __future__ import annotations

import numpy as np

from lossdrill.errors import SpecError
from lossdrill.grading.diagnosis.failures import describe_failure
from lossdrill.grading.disclosure import Said, Verdict, say
from lossdrill.grading.observation import FATAL
from lossdrill.grading.results import TestStatus
from lossdrill.grading.run import Run, call_learner
from lossdrill.grading.tasks import TASKS
from lossdrill.i18n import _
from lossdrill.spec.model import TaskTest


def run_task(run: Run, test: TaskTest, rng: np.random.Generator) -> Verdict:
    task = TASKS.get(test.task)
    if task is None:
        raise SpecError(_("{path}: test '{test}': unknown task '{name}' (known: {known})",
                          path=run.exercise.path, test=test.name, name=test.task,
                          known=", ".join(TASKS)))
    report = task(lambda f, a: call_learner(run, test, f, a), run.reference.call, test.params,
                  rng)
    status = TestStatus.PASSED if report.passed else (
        TestStatus.ERROR if report.failure is not None and report.failure.kind in FATAL
        else TestStatus.FAILED)
    message = Said.both(report.message)
    if report.failure is not None:
        # The report quotes the learner's failed call: the public form says why in the
        # grader's words.
        stopped = say("training stopped: {reason}", reason=describe_failure(report.failure))
        message = Said(report.message, stopped.public)
    return Verdict(status, message, curves=report.curves)
