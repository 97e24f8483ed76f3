# lossdrill: ex4
# Mistake: rmse takes the root of each squared error, then the mean (which is the MAE).
import numpy as np


def _check(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return y_true, y_pred


def rmse(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    squared = (y_pred - y_true) ** 2
    return float(np.mean(np.sqrt(squared)))


def mae(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))
