"""Reference solution for ex1 (mean squared error) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def mse(y_true, y_pred):
    """Mean of the squared differences over all elements (1-D or 2-D, equal shapes)."""
    # float64 first: integer inputs would otherwise be squared in integer arithmetic, and a
    # float32 input would be averaged with only ~7 significant digits.
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    # NumPy would happily broadcast an (N, 1) column against an (N,) row into an (N, N)
    # matrix of every pairwise difference: a silent, plausible-looking wrong answer.
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    # np.mean over a 2-D array averages over all of its elements: (1/N) Σ (ŷ − y)².
    return float(np.mean((y_pred - y_true) ** 2))


# --- Mistakes: each is the reference with one change -------------------------------------


def _as_float_pair(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    return y_true, y_pred


def _sum_instead_of_mean(y_true, y_pred):
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    return float(np.sum((y_pred - y_true) ** 2))


def _extra_half(y_true, y_pred):
    # The ½ belongs to the ½‖ŷ − y‖² convention some textbooks use to tidy the gradient.
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    return float(0.5 * np.mean((y_pred - y_true) ** 2))


def _rmse_instead_of_mse(y_true, y_pred):
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))


def _mae_instead_of_mse(y_true, y_pred):
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))


def _divides_by_n_minus_1(y_true, y_pred):
    # Bessel's correction belongs to the sample variance, not to a loss. With N = 1 it
    # divides by zero (NumPy returns inf with a warning).
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    squared = (y_pred - y_true) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum(squared) / np.float64(squared.size - 1))


def _non_scalar_result(y_true, y_pred):
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    return np.array([np.mean((y_pred - y_true) ** 2)])


def _low_precision(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float32)
    y_pred = np.asarray(y_pred, dtype=np.float32)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    return np.mean((y_pred - y_true) ** 2, dtype=np.float32)


def _modifies_inputs(y_true, y_pred):
    # No conversion: the arrays the caller passed are the ones modified. The grader passes
    # read-only arrays, so the in-place subtraction raises ValueError ("output array is
    # read-only"); on a caller's writable array it would silently overwrite y_pred.
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    y_pred -= y_true
    return float(np.mean(y_pred.astype(np.float64) ** 2))


def _broadcasts_mismatched_shapes(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    return float(np.mean((y_pred - y_true) ** 2))


MISTAKES = {
    "sum-instead-of-mean": {"mse": _sum_instead_of_mean},
    "extra-half": {"mse": _extra_half},
    "rmse-instead-of-mse": {"mse": _rmse_instead_of_mse},
    "mae-instead-of-mse": {"mse": _mae_instead_of_mse},
    "divides-by-n-minus-1": {"mse": _divides_by_n_minus_1},
    "non-scalar-result": {"mse": _non_scalar_result},
    "low-precision": {"mse": _low_precision},
    "modifies-inputs": {"mse": _modifies_inputs},
    "broadcasts-mismatched-shapes": {"mse": _broadcasts_mismatched_shapes},
}
