# lossdrill: ex6
"""Both gradients filled in element by element with np.ndindex."""
import numpy as np


def _pair(y_true, y_pred):
    t = np.array(y_true, dtype=float)
    p = np.array(y_pred, dtype=float)
    if t.shape != p.shape:
        raise ValueError("shapes differ")
    return t, p


def squared_error_grad(y_true, y_pred):
    t, p = _pair(y_true, y_pred)
    out = np.zeros(p.shape)
    for idx in np.ndindex(p.shape):
        out[idx] = p[idx] - t[idx]
    return out


def mse_grad(y_true, y_pred):
    t, p = _pair(y_true, y_pred)
    n = 1
    for side in p.shape:
        n *= side
    out = np.zeros(p.shape)
    for idx in np.ndindex(p.shape):
        out[idx] = 2.0 * (p[idx] - t[idx]) / n
    return out
