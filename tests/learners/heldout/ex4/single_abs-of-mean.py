# lossdrill: ex4
# heldout: abs-of-mean — the MAE takes the absolute value of the mean error, |mean(e)|, instead of the mean of |e|
import numpy as np


def _errors(y_true, y_pred):
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    if t.shape != p.shape:
        raise ValueError("shape mismatch")
    return p - t


def rmse(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.sqrt(np.mean(e ** 2)))


def mae(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(abs(np.mean(e)))
