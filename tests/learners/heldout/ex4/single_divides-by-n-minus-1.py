# lossdrill: ex4
# heldout: divides-by-n-minus-1 — the RMSE divides the sum of squares by N − 1, like a sample standard deviation
import numpy as np


def _errors(y_true, y_pred):
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    if t.shape != p.shape:
        raise ValueError("shape mismatch")
    return p - t


def rmse(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.sqrt(np.sum(e ** 2) / (e.size - 1)))


def mae(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.mean(np.abs(e)))
