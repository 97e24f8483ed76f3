# lossdrill: ex5
# Mistake: the threshold and the slope are written as 1, so delta is ignored.
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    e = y_pred - y_true
    small = np.abs(e) <= 1
    losses = np.where(small, 0.5 * e ** 2, np.abs(e) - 0.5)
    return float(losses.mean())
