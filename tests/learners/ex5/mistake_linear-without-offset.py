# lossdrill: ex5
# Mistake: the linear branch is delta*|e|, without the -delta**2/2 that joins the pieces.
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    e = y_pred - y_true
    r = np.abs(e)
    losses = np.where(r <= delta, 0.5 * r ** 2, delta * r)
    return float(np.mean(losses))
