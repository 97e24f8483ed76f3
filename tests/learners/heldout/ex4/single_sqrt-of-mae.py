# lossdrill: ex4
# heldout: sqrt-of-mae — the RMSE takes the square root of the mean absolute error instead of the mean squared error
import numpy as np


def _errors(y_true, y_pred):
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    if t.shape != p.shape:
        raise ValueError("shape mismatch")
    return np.abs(p - t)


def rmse(y_true, y_pred):
    return float(np.sqrt(np.mean(_errors(y_true, y_pred))))


def mae(y_true, y_pred):
    return float(np.mean(_errors(y_true, y_pred)))
