# lossdrill: ex6
# Mistake: squared_error_grad keeps the 2 of the square (the 1/2 is forgotten).
import numpy as np


def _pair(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return y_true, y_pred


def squared_error_grad(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return 2 * (y_pred - y_true)


def mse_grad(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return 2 * (y_pred - y_true) / y_true.size
