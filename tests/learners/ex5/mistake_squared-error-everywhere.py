# lossdrill: ex5
# Mistake: half the squared error for every element: the linear branch is never used.
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    e = y_pred - y_true
    return float(np.mean(e ** 2) / 2)
