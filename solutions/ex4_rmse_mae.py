"""Reference solution for ex4 (root mean squared error and mean absolute error) and the
mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _errors(y_true, y_pred):
    """ŷ − y in float64, after checking that the shapes agree."""
    # float64 first: integer inputs would be squared in integer arithmetic, and float32 inputs
    # averaged with only ~7 significant digits.
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    # An (N, 1) column against an (N,) vector would broadcast into an (N, N) matrix of every
    # pairwise difference: a plausible-looking, silently wrong answer.
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    return y_pred - y_true


def rmse(y_true, y_pred):
    """√(mean of (ŷ − y)² over all elements): the MSE brought back to the units of y."""
    e = _errors(y_true, y_pred)
    # The order matters: square, then average over *all* elements, then one square root.
    return float(np.sqrt(np.mean(e**2)))


def mae(y_true, y_pred):
    """Mean of |ŷ − y| over all elements."""
    e = _errors(y_true, y_pred)
    return float(np.mean(np.abs(e)))


# --- Mistakes: each is the reference with one change -------------------------------------


def _rmse_without_sqrt(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.mean(e**2))  # that is the MSE


def _sqrt_of_sum(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.sqrt(np.sum(e**2)))  # the Euclidean norm of the errors, not an average


def _root_before_mean(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.mean(np.sqrt(e**2)))  # √(e²) = |e|: this is the MAE


def _mean_of_row_rmses(y_true, y_pred):
    # One RMSE per row (sample), then their mean; the same as the reference for 1-D input.
    e = _errors(y_true, y_pred)
    return float(np.mean(np.sqrt(np.mean(e**2, axis=-1))))


def _mean_of_column_rmses(y_true, y_pred):
    # One RMSE per column (output), then their mean: what sklearn's root_mean_squared_error
    # does for 2-D input (multioutput="uniform_average"); the same as the reference for 1-D.
    e = _errors(y_true, y_pred)
    return float(np.mean(np.sqrt(np.mean(e**2, axis=0))))


def _mae_with_squares(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.mean(e**2))


def _mae_without_abs(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.mean(e))  # signed errors cancel: over- and under-predictions offset


def _mae_sum_instead_of_mean(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.sum(np.abs(e)))


def _broadcasting_errors(y_true, y_pred):
    return np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)


def _rmse_broadcasts(y_true, y_pred):
    return float(np.sqrt(np.mean(_broadcasting_errors(y_true, y_pred) ** 2)))


def _mae_broadcasts(y_true, y_pred):
    return float(np.mean(np.abs(_broadcasting_errors(y_true, y_pred))))


MISTAKES = {
    "rmse-without-sqrt": {"rmse": _rmse_without_sqrt},
    "sqrt-of-sum": {"rmse": _sqrt_of_sum},
    "root-before-mean": {"rmse": _root_before_mean},
    "mean-of-row-rmses": {"rmse": _mean_of_row_rmses},
    "mean-of-column-rmses": {"rmse": _mean_of_column_rmses},
    "mae-with-squares": {"mae": _mae_with_squares},
    "mae-without-abs": {"mae": _mae_without_abs},
    "mae-sum-instead-of-mean": {"mae": _mae_sum_instead_of_mean},
    "broadcasts-mismatched-shapes": {"rmse": _rmse_broadcasts, "mae": _mae_broadcasts},
}


# --- Patterns: what the samples of a wrong loss may have in common ------------------------

PATTERNS = [
    ({"en": "the prediction is below the target (a negative error ŷ − y)",
      "zh": "预测值低于目标值（误差 ŷ − y 为负）"},
     lambda y_true, y_pred, **_: bool(np.all(np.asarray(y_pred) < np.asarray(y_true)))),
    ({"en": "the error |ŷ − y| is not 0 or 1", "zh": "误差 |ŷ − y| 既不是 0 也不是 1"},
     lambda y_true, y_pred, **_: bool(np.all(
         (np.abs(np.asarray(y_pred) - np.asarray(y_true)) != 0)
         & (np.abs(np.asarray(y_pred) - np.asarray(y_true)) != 1)))),
]
