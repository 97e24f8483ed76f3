# lossdrill: ex5
"""Huber loss through the clipped error: with c = clip(e, −δ, δ), L = c·|e| − ½c², which
is ½e² inside the threshold and δ|e| − ½δ² outside."""
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    t = np.asarray(y_true, dtype=float)
    p = np.asarray(y_pred, dtype=float)
    if t.shape != p.shape:
        raise ValueError("y_true and y_pred must have the same shape")
    a = np.abs(p - t)
    c = np.minimum(a, delta)
    return float(np.mean(c * a - 0.5 * c * c))
