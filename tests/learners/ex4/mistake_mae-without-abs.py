# lossdrill: ex4
# Mistake: mae averages the signed errors, which cancel each other.
import numpy as np


def _check(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return y_true, y_pred


def rmse(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))


def mae(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.mean(y_pred) - np.mean(y_true))
