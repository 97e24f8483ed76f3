"""The gradient test kind: the learner's gradient against the reference's and against central
differences of the learner's own loss (or the given one), any valid subgradient accepted at a
kink."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from lossdrill.grading.compare import as_array, close_mask, compare
from lossdrill.grading.diagnosis.failures import describe_failure
from lossdrill.grading.disclosure import Said, Verdict, say
from lossdrill.grading.results import TestStatus
from lossdrill.grading.run import Run, call_learner, failed_call, observe, reference_failed
from lossdrill.i18n import _
from lossdrill.spec.model import GradientTest, TestKind, Tolerance

# Finite differences: tolerance of the learner's gradient against its own loss.
FD_TOLERANCE = Tolerance(rtol=1e-4, atol=1e-6)


def _one_sided(loss: Callable[[np.ndarray], float], x: np.ndarray, h: float
               ) -> tuple[np.ndarray, np.ndarray]:
    """Left and right difference quotients of a scalar loss at every coordinate of x."""
    base = loss(x)
    left = np.empty(x.size)
    right = np.empty(x.size)
    for i in range(x.size):
        flat_step = np.zeros(x.size)
        flat_step[i] = h
        step = flat_step.reshape(x.shape)
        right[i] = (loss(x + step) - base) / h
        left[i] = (base - loss(x - step)) / h
    return left.reshape(x.shape), right.reshape(x.shape)


def run_gradient(run: Run, test: GradientTest, args: dict[str, Any]) -> Verdict:
    x = np.asarray(args[test.wrt], dtype=np.float64)

    def ref_loss(point: np.ndarray) -> float:
        outcome = run.reference.call(test.loss, {**args, test.wrt: point})
        if not outcome.ok:
            raise reference_failed(run, test, test.loss, outcome)
        return float(outcome.value)

    obs = observe(run, test, TestKind.GRADIENT, args)
    expected, got = obs.expected, obs.got
    if not got.ok:
        return failed_call(got)
    shape_check = compare(expected, got.value, Tolerance(rtol=0.0, atol=np.inf))
    if not shape_check.ok:
        obs.problem = shape_check.problem
        return Verdict(TestStatus.FAILED, Said.both(shape_check.brief))
    grad = np.asarray(as_array(got.value), dtype=np.float64)
    # A coordinate where the reference's one-sided slopes differ sits on a kink: there any
    # value between them is a valid subgradient.
    left, right = _one_sided(ref_loss, x, test.step)
    kink = ~np.isclose(left, right, rtol=1e-3, atol=1e-6)
    lo, hi = np.minimum(left, right) - 1e-6, np.maximum(left, right) + 1e-6
    tol = run.exercise.tolerance_for(test)
    problem: Said | None = None  # the first check that fails: the other is not made
    if "reference" in test.against:
        ok = np.where(kink, (grad >= lo) & (grad <= hi), close_mask(expected, grad, tol))
        if not ok.all():
            obs.problem = "value"
            cmp = compare(np.where(kink, grad, expected), grad, tol)
            problem = Said(_("does not match the reference gradient: {details}",
                             details=cmp.message),
                           _("does not match the reference gradient"))
    if "finite-differences" in test.against and problem is None:
        fd = _learner_fd(run, test, args, x)
        if isinstance(fd, Said):
            problem = fd
        else:
            ok = np.where(kink, True, close_mask(fd, grad, FD_TOLERANCE))
            if not ok.all():
                worst = tuple(int(i) for i in np.argwhere(~ok)[0])
                own = test.loss in run.exercise.function_names
                problem = Said(
                    _("is not the derivative of your own {loss}: central differences give "
                      "{fd} at index {index}, your gradient {grad}" if own else
                      "is not the derivative of the {loss}: central differences give {fd} at "
                      "index {index}, your gradient {grad}", loss=test.loss,
                      fd=f"{fd[worst]:.6g}", index=worst, grad=f"{grad[worst]:.6g}"),
                    _("is not the derivative of your own {loss}: central differences give a "
                      "different slope" if own else
                      "is not the derivative of the {loss}: central differences give a "
                      "different slope", loss=test.loss))
    obs.passed = problem is None
    if problem is None:
        return Verdict(TestStatus.PASSED)
    return Verdict(TestStatus.FAILED, f"{test.function} " + problem)


def _learner_fd(run: Run, test: GradientTest, args: dict[str, Any], x: np.ndarray
                ) -> np.ndarray | Said:
    """Central differences of the learner's own loss (or, when the exercise gives the loss,
    of the reference's), away from kinks."""
    own = test.loss in run.exercise.function_names
    fd = np.empty(x.size)
    for i in range(x.size):
        flat_step = np.zeros(x.size)
        flat_step[i] = test.step
        step = flat_step.reshape(x.shape)
        values = []
        for point in (x + step, x - step):
            at = {**args, test.wrt: point}
            outcome = (call_learner(run, test, test.loss, at) if own
                       else run.reference.call(test.loss, at))
            value = as_array(outcome.value) if outcome.ok else None
            if value is None or value.ndim != 0:
                if outcome.ok:
                    return Said.both(_("finite differences could not be taken: your {loss} "
                                       "did not return a number", loss=test.loss))
                return say("finite differences could not be taken: your {loss} {failure}",
                           loss=test.loss, failure=describe_failure(outcome))
            values.append(float(value))
        fd[i] = (values[0] - values[1]) / (2 * test.step)
    return fd.reshape(x.shape)
