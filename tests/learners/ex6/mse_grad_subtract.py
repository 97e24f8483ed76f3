# lossdrill: ex6
"""Both gradients through np.subtract with an explicit float64 dtype."""
import numpy as np


def _diff(y_true, y_pred):
    if np.shape(y_true) != np.shape(y_pred):
        raise ValueError("y_true and y_pred must have the same shape")
    return np.subtract(y_pred, y_true, dtype=np.float64)


def squared_error_grad(y_true, y_pred):
    return _diff(y_true, y_pred)


def mse_grad(y_true, y_pred):
    d = _diff(y_true, y_pred)
    return 2 * d / np.size(d)
