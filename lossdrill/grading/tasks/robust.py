"""ex28's task: fit a line by gradient descent with the learner's line_grad under the MSE, the
MAE and Huber, on seeded data whose outliers sit at one end of the x range, and measure how far
each fit's slope is pulled from the line the clean data was drawn from.

The descent runs here, in the grader: the learner's process only answers line_grad calls. Each
fit must follow the reference run (the schedule is fixed, so the same gradients give the same
line), and the outliers must pull the MSE fit at least `min_ratio` times as far as the MAE and
Huber fits: an outlier's pull ψ(r) grows with r under the MSE, and is bounded (±1, ±δ) under
the two others.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from lossdrill.grading.tasks.common import Caller, TaskFailure, TaskReport, vector_result
from lossdrill.i18n import _

LOSSES = ("mse", "mae", "huber")
NAMES = {"mse": "MSE", "mae": "MAE", "huber": "Huber"}


def outlier_line(rng: np.random.Generator, n: int, fraction: float
                 ) -> tuple[np.ndarray, np.ndarray, float, float]:
    """(x, y, w, b): n points of the line y = w·x + b with noise of 0.3, x uniform in [−2, 2];
    round(fraction·n) of the points among the 2·that many largest x are moved 8 to 14 below
    the line (above it for a negative slope), where they have the most leverage on the slope."""
    w = float(rng.uniform(0.5, 2.0) * rng.choice([-1.0, 1.0]))
    b = float(rng.normal())
    x = rng.uniform(-2.0, 2.0, size=n)
    y = w * x + b + rng.normal(scale=0.3, size=n)
    k = int(round(fraction * n))
    if k:
        moved = rng.choice(np.argsort(x)[-2 * k:], size=k, replace=False)
        y[moved] -= np.sign(w) * rng.uniform(8.0, 14.0, size=k)
    return x, y, w, b


def descend(call: Caller, x: np.ndarray, y: np.ndarray, loss: str, delta: float, epochs: int,
            lr: float) -> Iterator[np.ndarray]:
    """θ after each step of gradient descent from θ = [0, 0] with the steps lr/√(1 + t): a
    fixed step would leave the MAE's fit bouncing around its minimum, as its gradient does not
    shrink there."""
    theta = np.zeros(2)
    for t in range(epochs):
        args = {"x": x, "y": y, "theta": theta, "loss": loss, "delta": delta}
        grad = vector_result(call("line_grad", args),
                             _("line_grad ({loss}) at step {t}", loss=NAMES[loss], t=t), 2)
        theta = theta - lr / np.sqrt(1.0 + t) * grad
        yield theta


def robust_line_fit(learner: Caller, reference: Caller, params: dict[str, Any],
                    rng: np.random.Generator) -> TaskReport:
    n = int(params.get("n", 60))
    fraction = float(params.get("outliers", 0.15))
    epochs = int(params.get("epochs", 200))
    lr = float(params.get("lr", 0.5))
    delta = float(params.get("delta", 1.0))
    min_ratio = float(params.get("min_ratio", 3.0))
    x, y, w, b = outlier_line(rng, n, fraction)
    x.flags.writeable = False
    y.flags.writeable = False

    fits: dict[str, np.ndarray] = {}
    for loss in LOSSES:
        # Each step is compared, not only the end: the MSE's fit ends at the least-squares line
        # even with a gradient half the right size, but it gets there along another path.
        want = list(descend(reference, x, y, loss, delta, epochs, lr))
        try:
            for t, got in enumerate(descend(learner, x, y, loss, delta, epochs, lr)):
                if not np.allclose(got, want[t], rtol=1e-6, atol=1e-9):
                    return TaskReport(False, _(
                        "the {loss} fit leaves the reference run at step {t}: θ = [{w:.6g}, "
                        "{b:.6g}], the reference's [{ref_w:.6g}, {ref_b:.6g}]; your line_grad "
                        "differs from the reference's there", loss=NAMES[loss], t=t, w=got[0],
                        b=got[1], ref_w=want[t][0], ref_b=want[t][1]))
        except TaskFailure as exc:
            return TaskReport(False, _("training stopped: {reason}", reason=exc),
                              failure=exc.outcome)
        fits[loss] = want[-1]

    pulls = {loss: abs(float(fit[0]) - w) for loss, fit in fits.items()}
    metrics = {f"slope_error_{loss}": pull for loss, pull in pulls.items()}
    metrics["true_slope"] = w
    robust = max(pulls["mae"], pulls["huber"])
    ratio = pulls["mse"] / robust if robust > 0 else float("inf")
    metrics["ratio"] = ratio
    summary = _("{k} outliers of {n} points; the clean line's slope is {w:.3g}, the fits' are "
                "{mse:.3g} (MSE), {mae:.3g} (MAE) and {huber:.3g} (Huber, δ = {delta:g}): the "
                "outliers pull the MSE slope {ratio:.1f}× as far as the robust ones",
                k=int(round(fraction * n)), n=n, w=w, mse=fits["mse"][0], mae=fits["mae"][0],
                huber=fits["huber"][0], delta=delta, ratio=ratio)
    if ratio < min_ratio:
        return TaskReport(False, _("{summary}, less than the {need:g}× expected", summary=summary,
                                   need=min_ratio), metrics)
    return TaskReport(True, summary, metrics)
