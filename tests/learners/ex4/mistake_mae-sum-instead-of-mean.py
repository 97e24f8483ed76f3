# lossdrill: ex4
# Mistake: mae adds up the absolute errors and never divides by N.
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
    total = 0.0
    for e in np.abs(y_pred - y_true).ravel():
        total += e
    return float(total)
