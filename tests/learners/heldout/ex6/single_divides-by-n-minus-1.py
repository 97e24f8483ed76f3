# lossdrill: ex6
# heldout: divides-by-n-minus-1 — mse_grad divides by N − 1 instead of N
import numpy as np


def _diff(y_true, y_pred):
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    if t.shape != p.shape:
        raise ValueError("shape mismatch")
    return p - t


def squared_error_grad(y_true, y_pred):
    return _diff(y_true, y_pred)


def mse_grad(y_true, y_pred):
    e = _diff(y_true, y_pred)
    n = max(e.size - 1, 1)
    return 2.0 * e / n
