"""Reference solution for ex5 (Huber loss) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _errors(y_true, y_pred, delta):
    """ŷ − y in float64 after checking the shapes, and δ as a positive float."""
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    delta = float(delta)
    if not delta > 0:  # also catches NaN
        raise ValueError(f"delta must be positive, got {delta}")
    return y_pred - y_true, delta


def huber_loss(y_true, y_pred, delta=1.0):
    """Mean over all elements of ½e² where |e| ≤ δ, else δ(|e| − ½δ), with e = ŷ − y."""
    e, delta = _errors(y_true, y_pred, delta)
    a = np.abs(e)
    # Small errors: the parabola ½e², like the MSE (smooth at 0). Large errors: a straight
    # line of slope δ, like the MAE (outliers pull with a bounded force). The −½δ² shifts the
    # line down so the two pieces meet at |e| = δ with the same value ½δ² and the same slope
    # δ, which is why ≤ and < give the same loss there.
    per_element = np.where(a <= delta, 0.5 * e**2, delta * (a - 0.5 * delta))
    return float(np.mean(per_element))


# --- Mistakes: each is the reference with one change -------------------------------------


def _hard_coded_delta(y_true, y_pred, delta=1.0):
    e, _ = _errors(y_true, y_pred, delta)
    a = np.abs(e)
    d = 1.0  # the argument is ignored: only correct for the default δ = 1
    return float(np.mean(np.where(a <= d, 0.5 * e**2, d * (a - 0.5 * d))))


def _branches_swapped(y_true, y_pred, delta=1.0):
    e, delta = _errors(y_true, y_pred, delta)
    a = np.abs(e)
    return float(np.mean(np.where(a > delta, 0.5 * e**2, delta * (a - 0.5 * delta))))


def _signed_error_condition(y_true, y_pred, delta=1.0):
    # e ≤ δ instead of |e| ≤ δ: every large *negative* error lands in the quadratic branch.
    e, delta = _errors(y_true, y_pred, delta)
    a = np.abs(e)
    return float(np.mean(np.where(e <= delta, 0.5 * e**2, delta * (a - 0.5 * delta))))


def _linear_without_offset(y_true, y_pred, delta=1.0):
    e, delta = _errors(y_true, y_pred, delta)
    a = np.abs(e)
    return float(np.mean(np.where(a <= delta, 0.5 * e**2, delta * a)))


def _no_half_quadratic(y_true, y_pred, delta=1.0):
    e, delta = _errors(y_true, y_pred, delta)
    a = np.abs(e)
    return float(np.mean(np.where(a <= delta, e**2, delta * (a - 0.5 * delta))))


def _squared_error_everywhere(y_true, y_pred, delta=1.0):
    e, delta = _errors(y_true, y_pred, delta)
    return float(np.mean(0.5 * e**2))


def _sum_instead_of_mean(y_true, y_pred, delta=1.0):
    e, delta = _errors(y_true, y_pred, delta)
    a = np.abs(e)
    return float(np.sum(np.where(a <= delta, 0.5 * e**2, delta * (a - 0.5 * delta))))


MISTAKES = {
    "hard-coded-delta": {"huber_loss": _hard_coded_delta},
    "branches-swapped": {"huber_loss": _branches_swapped},
    "signed-error-condition": {"huber_loss": _signed_error_condition},
    "linear-without-offset": {"huber_loss": _linear_without_offset},
    "no-half-quadratic": {"huber_loss": _no_half_quadratic},
    "squared-error-everywhere": {"huber_loss": _squared_error_everywhere},
    "sum-instead-of-mean": {"huber_loss": _sum_instead_of_mean},
}


# --- Patterns: what the samples of a wrong loss may have in common ------------------------

def _abs_error(y_true, y_pred):
    return np.abs(np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64))


PATTERNS = [
    ({"en": "the error |ŷ − y| is beyond δ (the linear part)",
      "zh": "误差 |ŷ − y| 超过 δ（线性段）"},
     lambda y_true, y_pred, delta=1.0, **_: bool(np.all(_abs_error(y_true, y_pred) > delta))),
    ({"en": "the error |ŷ − y| is within δ (the quadratic part)",
      "zh": "误差 |ŷ − y| 不超过 δ（二次段）"},
     lambda y_true, y_pred, delta=1.0, **_: bool(np.all(_abs_error(y_true, y_pred) <= delta))),
    ({"en": "the prediction is below the target (a negative error ŷ − y)",
      "zh": "预测值低于目标值（误差 ŷ − y 为负）"},
     lambda y_true, y_pred, **_: bool(np.all(np.asarray(y_pred) < np.asarray(y_true)))),
]
