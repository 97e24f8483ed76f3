"""ex29's task: the learner's gradient_error over steps from 10⁻¹ down to 10⁻¹³, on functions
of testfns with their exact gradients, must draw the V of central differences: the truncation
error falling as h² for large steps, the round-off error rising as 1/h for small ones, and the
best step near the cube root of the machine epsilon.

Where truncation dominates (h ≥ 10⁻³) the errors are a property of the formula, the same to
many digits in any correct implementation, and must be the reference's. Below, round-off makes
them noise-like, so the task checks the shape instead: the fitted log-log slope, and where the
minimum lies (within a factor `window` of ε^(1/3) ≈ 6·10⁻⁶; a one-sided difference has its
minimum near √ε ≈ 1.5·10⁻⁸ and a truncation slope of 1).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lossdrill.grading.tasks.common import Caller, TaskFailure, TaskReport, vector_result
from lossdrill.i18n import N_, _
from lossdrill.sandbox import testfns
from lossdrill.sandbox.protocol import FunctionRef

EPS3 = float(np.finfo(np.float64).eps) ** (1.0 / 3.0)
STEPS = np.logspace(-1.0, -13.0, 25)  # every half decade
TRUNCATION = STEPS >= 1e-3
ROUNDOFF = STEPS <= 1e-9


def _cases(rng: np.random.Generator) -> list[tuple[str, str, np.ndarray, dict[str, Any]]]:
    """(what, function name, point x, bound arguments) for each curve."""
    return [
        (N_("Σ x³"), "sum_of_cubes", rng.normal(size=3), {}),
        ("log Σ exp(x)", "log_sum_exp", rng.normal(size=5), {}),
        (N_("the log-cosh loss w.r.t. the predictions"), "logcosh_of_prediction",
         rng.normal(size=4), {"y_true": rng.normal(size=4)}),
        (N_("softmax cross-entropy w.r.t. the logits"), "softmax_ce_of_logits",
         rng.normal(scale=2.0, size=(4, 3)), {"labels": rng.integers(0, 3, size=4)}),
    ]


def slope(h: np.ndarray, errors: np.ndarray) -> float:
    """The least-squares slope of log10(error) against log10(h) (an error of exactly 0, which
    round-off can give, counted as 10⁻³⁰⁰)."""
    return float(np.polyfit(np.log10(h), np.log10(np.maximum(errors, 1e-300)), 1)[0])


def gradient_error_curve(learner: Caller, reference: Caller, params: dict[str, Any],
                         rng: np.random.Generator) -> TaskReport:
    window = float(params.get("window", 100.0))
    low, high = (float(v) for v in params.get("truncation_slope", (1.7, 2.3)))
    most = float(params.get("roundoff_slope", -0.5))
    found: list[tuple[float, float, float]] = []
    for english, name, x, bound in _cases(rng):
        what = _(english)
        x.flags.writeable = False
        grad = testfns.GRADIENTS[name](x, **bound)
        args = {"f": FunctionRef(name, bound), "x": x, "grad": grad, "steps": STEPS}
        want = vector_result(reference("gradient_error", args), "the reference", STEPS.size)
        try:
            got = vector_result(learner("gradient_error", args),
                                _("gradient_error on {what}", what=what), STEPS.size)
        except TaskFailure as exc:
            return TaskReport(False, str(exc), failure=exc.outcome)
        trunc, roundoff = slope(STEPS[TRUNCATION], got[TRUNCATION]), slope(
            STEPS[ROUNDOFF], got[ROUNDOFF])
        best = float(STEPS[int(np.argmin(got))])
        metrics = {"truncation_slope": trunc, "roundoff_slope": roundoff, "best_step": best}
        if not low <= trunc <= high:
            return TaskReport(False, _(
                "on {what}, for h ≥ 10⁻³ the error goes as h^{slope:.2f}, not as h² (between "
                "h^{low:g} and h^{high:g}): central differences are off by h²·f‴/6",
                what=what, slope=trunc, low=low, high=high), metrics)
        off = ~np.isclose(got, want, rtol=1e-5, atol=1e-15) & TRUNCATION
        if off.any():
            i = int(np.argmax(off))
            return TaskReport(False, _(
                "on {what}, at h = {h:.0e} (where truncation dominates and every central "
                "difference agrees): your error {got:.6g}, the reference's {want:.6g}",
                what=what, h=STEPS[i], got=got[i], want=want[i]))
        if roundoff > most:
            return TaskReport(False, _(
                "on {what}, the error does not grow as the step shrinks below 10⁻⁹ (slope "
                "{slope:.2f}, expected about −1): the round-off of f, divided by 2h, should "
                "take over there", what=what, slope=roundoff), metrics)
        if not EPS3 / window <= best <= EPS3 * window:
            return TaskReport(False, _(
                "on {what}, the error is smallest at h = {best:.1e}, more than {window:g} times "
                "away from ε^(1/3) = {eps3:.1e}, where the h² truncation and the ε/h round-off "
                "of central differences balance", what=what, best=best, window=window,
                eps3=EPS3), metrics)
        found.append((trunc, roundoff, best))
    spans = np.array(found)
    metrics = {"truncation_slope_min": float(spans[:, 0].min()),
               "roundoff_slope_max": float(spans[:, 1].max()),
               "best_step_min": float(spans[:, 2].min()),
               "best_step_max": float(spans[:, 2].max())}
    return TaskReport(True, _(
        "on {count} functions the error falls as h^{trunc} from h = 0.1, is smallest at "
        "h = {best} (ε^(1/3) = {eps3:.1e}), and rises as h^{roundoff} below 10⁻⁹",
        count=len(found), trunc=_span(spans[:, 0], "{:.2f}"), best=_span(spans[:, 2], "{:.1e}"),
        eps3=EPS3, roundoff=_span(spans[:, 1], "{:.2f}")), metrics)


def _span(values: np.ndarray, form: str) -> str:
    """'2.00', or '1.98…2.00' when the curves differ at that precision."""
    low, high = form.format(values.min()), form.format(values.max())
    return low if low == high else f"{low}…{high}"
