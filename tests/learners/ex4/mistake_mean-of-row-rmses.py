# lossdrill: ex4
# Mistake: for 2-D input, one RMSE per sample (row), then the average of those.
import numpy as np


def _check(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return y_true, y_pred


def rmse(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    if y_true.ndim == 1:
        return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))
    per_sample = [np.sqrt(np.mean((p - t) ** 2)) for t, p in zip(y_true, y_pred)]
    return float(np.mean(per_sample))


def mae(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))
