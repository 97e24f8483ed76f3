# lossdrill: ex5
"""Huber loss with np.where over the two branches."""
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred must have the same shape")
    r = np.abs(y_pred - y_true)
    quadratic = 0.5 * r ** 2
    linear = delta * r - 0.5 * delta ** 2
    return float(np.mean(np.where(r <= delta, quadratic, linear)))
