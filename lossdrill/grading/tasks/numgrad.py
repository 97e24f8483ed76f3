"""ex23's task: the learner's numerical gradient against the analytic gradients of the
functions in testfns (MSE w.r.t. the predictions, softmax cross-entropy w.r.t. the logits,
the ridge objective w.r.t. the weights, and two non-quadratic functions)."""

from __future__ import annotations

from typing import Any

import numpy as np

from lossdrill.grading.compare import as_array
from lossdrill.grading.tasks.common import Caller, TaskReport
from lossdrill.i18n import N_, _
from lossdrill.sandbox import testfns
from lossdrill.sandbox.protocol import FunctionRef

# Coordinates checked per case are few (a numerical gradient costs 2 calls of f per element),
# but cover vectors and matrices, quadratic and non-quadratic functions.


def _cases(rng: np.random.Generator) -> list[tuple[str, str, np.ndarray, dict[str, Any]]]:
    """(what, function name, point x, bound arguments) for each check."""
    n, k, d = 6, 4, 3
    X = rng.normal(size=(n, d))
    return [
        (N_("MSE w.r.t. the predictions (vector)"), "mse_of_prediction",
         rng.normal(size=n), {"y_true": rng.normal(size=n)}),
        (N_("MSE w.r.t. the predictions (matrix)"), "mse_of_prediction",
         rng.normal(size=(3, 2)), {"y_true": rng.normal(size=(3, 2))}),
        (N_("softmax cross-entropy w.r.t. the logits"), "softmax_ce_of_logits",
         rng.normal(scale=2.0, size=(n, k)), {"labels": rng.integers(0, k, size=n)}),
        (N_("ridge objective w.r.t. the weights"), "ridge_objective_of_w",
         rng.normal(size=d), {"X": X, "y": rng.normal(size=n), "lam": 0.3}),
        (N_("Σ x³ (not quadratic)"), "sum_of_cubes", rng.normal(size=(2, 3)), {}),
        ("log Σ exp(x)", "log_sum_exp", rng.normal(size=5), {}),
    ]


def numgrad_analytic(learner: Caller, reference: Caller, params: dict[str, Any],
                     rng: np.random.Generator) -> TaskReport:
    h = float(params.get("h", 1e-4))
    # Central differences with h = 1e-4 are within ~1e-8 of these gradients; a forward
    # difference is off by about h·f''/2, 1e-5 or more on every case here.
    rtol = float(params.get("rtol", 1e-6))
    atol = float(params.get("atol", 1e-6))
    worst = 0.0
    for english, name, x, bound in _cases(rng):
        what = _(english)
        x.flags.writeable = False
        args = {"f": FunctionRef(name, bound), "x": x, "h": h}
        outcome = learner("numerical_grad", args)
        if not outcome.ok:
            return TaskReport(False, _("numerical_grad failed on {what}: {message}", what=what,
                                       message=outcome.message), failure=outcome)
        got = as_array(outcome.value)
        if got is None or got.shape != x.shape:
            shape = _("no array") if got is None else _("shape {shape}", shape=got.shape)
            return TaskReport(False, _("numerical_grad returned {shape} for {what}, expected "
                                       "shape {expected} (the shape of x)", shape=shape,
                                       what=what, expected=x.shape))
        exact = testfns.GRADIENTS[name](x, **bound)
        error = np.abs(got.astype(np.float64) - exact)
        bad = error > atol + rtol * np.abs(exact)
        worst = max(worst, float(error.max()))
        if bad.any():
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            return TaskReport(
                False, _("on {what} (h = {h:g}), element {index}: analytic gradient "
                         "{exact:.8g}, yours {got:.8g} (error {error:.2g}); central differences "
                         "are within ~1e-8 here", what=what, h=h, index=index,
                         exact=exact[index], got=float(got[index]), error=error[index]),
                {"max_error": worst})
    return TaskReport(True, _("matches the analytic gradients of MSE, softmax cross-entropy, "
                              "ridge and two non-quadratic functions (largest error {worst:.2g})",
                              worst=worst), {"max_error": worst})
