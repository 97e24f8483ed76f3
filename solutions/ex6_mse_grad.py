"""Reference solution for ex6 (gradients of the squared error and of the MSE) and the mistakes
lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
The two losses, squared_error and mse, are given to the learner: the gradient tests check the
learner's gradients against their central differences.
"""

import numpy as np


def _float_pair(y_true, y_pred):
    """Both as float64 arrays, after checking that the shapes agree."""
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    # A gradient has the shape of what it differentiates (ŷ). Broadcasting an (N, 1) column
    # against an (N,) vector would return an (N, N) "gradient" that fits nothing.
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    return y_true, y_pred


def _errors(y_true, y_pred):
    """ŷ − y as a new float64 array, after checking that the shapes agree."""
    y_true, y_pred = _float_pair(y_true, y_pred)
    return y_pred - y_true


def squared_error_grad(y_true, y_pred):
    """∂/∂ŷᵢ of ½(yᵢ − ŷᵢ)², element by element: ŷ − y."""
    # d/dŷ ½(y − ŷ)² = ½ · 2(y − ŷ) · (−1) = ŷ − y: the ½ cancels the 2 of the square, and the
    # inner derivative −1 turns y − ŷ into ŷ − y. Each element depends on its own ŷᵢ only.
    return _errors(y_true, y_pred)


def mse_grad(y_true, y_pred):
    """Gradient of mse = (1/N) Σ (ŷ − y)² with respect to ŷ: 2(ŷ − y)/N, N = all elements."""
    e = _errors(y_true, y_pred)
    # Every element of ŷ appears in exactly one term of the sum, so ∂/∂ŷⱼ picks that term's
    # derivative 2(ŷⱼ − yⱼ) and keeps the mean's 1/N. N counts every element (n·k for 2-D),
    # because the loss averages over every element.
    return 2.0 * e / e.size


# --- The given losses: supplied to the learner, for the gradient tests' central differences --


def squared_error(y_true, y_pred):
    """Σᵢ ½(yᵢ − ŷᵢ)² over all elements, given here (not written by the learner): the grader
    takes its central differences to check squared_error_grad."""
    # A derivative check needs one number, so the per-element losses ½(yᵢ − ŷᵢ)² are added
    # up. Each ŷᵢ appears in its own term only, so the gradient of the sum is the per-element
    # gradient ŷᵢ − yᵢ, nothing divided by N: there is no mean.
    y_true, y_pred = _float_pair(y_true, y_pred)
    return float(0.5 * np.sum((y_true - y_pred) ** 2))


def mse(y_true, y_pred):
    """ex1's loss, given here (not written by the learner): (1/N) Σᵢ (ŷᵢ − yᵢ)², N = all
    elements. The grader takes its central differences to check mse_grad."""
    y_true, y_pred = _float_pair(y_true, y_pred)
    return float(np.mean((y_pred - y_true) ** 2))


# --- Mistakes: each is the reference with one change -------------------------------------


def _wrong_sign_squared(y_true, y_pred):
    return -_errors(y_true, y_pred)  # y − ŷ: the inner derivative −1 is forgotten


def _wrong_sign_mse(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return -2.0 * e / e.size


def _squared_keeps_two(y_true, y_pred):
    return 2.0 * _errors(y_true, y_pred)  # the derivative of (ŷ − y)², not of ½(ŷ − y)²


def _squared_divides_by_n(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return e / e.size  # a 1/N with no mean to come from


def _mse_missing_two(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return e / e.size


def _mse_missing_one_over_n(y_true, y_pred):
    return 2.0 * _errors(y_true, y_pred)  # the gradient of the sum of squares


def _mse_divides_by_rows(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return 2.0 * e / len(e)  # len() is the number of rows: k times too large for (n, k)


def _broadcasting_errors(y_true, y_pred):
    return np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)


def _squared_broadcasts(y_true, y_pred):
    return _broadcasting_errors(y_true, y_pred)


def _mse_broadcasts(y_true, y_pred):
    e = _broadcasting_errors(y_true, y_pred)
    return 2.0 * e / e.size


MISTAKES = {
    "wrong-sign": {"squared_error_grad": _wrong_sign_squared, "mse_grad": _wrong_sign_mse},
    "squared-grad-keeps-2": {"squared_error_grad": _squared_keeps_two},
    "squared-grad-divides-by-n": {"squared_error_grad": _squared_divides_by_n},
    "mse-grad-missing-2": {"mse_grad": _mse_missing_two},
    "mse-grad-missing-1-over-n": {"mse_grad": _mse_missing_one_over_n},
    "mse-grad-divides-by-rows": {"mse_grad": _mse_divides_by_rows},
    "broadcasts-mismatched-shapes": {
        "squared_error_grad": _squared_broadcasts,
        "mse_grad": _mse_broadcasts,
    },
}
