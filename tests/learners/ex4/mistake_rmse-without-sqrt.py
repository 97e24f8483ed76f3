# lossdrill: ex4
# Mistake: rmse forgets the square root (returns the MSE); mae is right.
import numpy as np


def _check(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return y_true, y_pred


def rmse(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(((y_pred - y_true) ** 2).mean())


def mae(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.abs(y_pred - y_true).mean())
