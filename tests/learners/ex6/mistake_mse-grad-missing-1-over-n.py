# lossdrill: ex6
# Mistake: mse_grad is the gradient of the sum of squares (no 1/N).
import numpy as np


def _pair(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return y_true, y_pred


def squared_error_grad(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return y_pred - y_true


def mse_grad(y_true, y_pred):
    return 2.0 * squared_error_grad(y_true, y_pred)
