# lossdrill: ex5
# Mistake: the linear formula is used for small errors and the parabola for large ones.
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    e = y_pred - y_true
    big = np.abs(e) > delta
    losses = np.where(big, 0.5 * e * e, delta * (np.abs(e) - 0.5 * delta))
    return float(np.mean(losses))
