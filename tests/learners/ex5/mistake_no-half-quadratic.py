# lossdrill: ex5
# Mistake: the quadratic branch is e**2, without the 1/2.
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    e = y_pred - y_true
    r = np.abs(e)
    losses = np.where(r <= delta, r ** 2, delta * (r - 0.5 * delta))
    return float(np.mean(losses))
