# lossdrill: ex4
# Mistake: copies sklearn's multi-output convention: an RMSE per column, then their mean.
import numpy as np


def _check(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return y_true, y_pred


def rmse(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    per_output = np.sqrt(((y_pred - y_true) ** 2).mean(axis=0))
    return float(np.average(per_output))


def mae(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))
