# lossdrill: ex6
# heldout: mse-grad-divides-by-columns — divides by e.shape[-1], which is N for a vector but only the number of columns for 2-D input
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
    return 2 * e / e.shape[-1]
