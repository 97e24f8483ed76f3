# lossdrill: ex5
# Mistake: the condition tests e <= delta, so large negative errors count as small.
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    e = y_pred - y_true
    losses = np.where(e <= delta, 0.5 * e ** 2, delta * (np.abs(e) - delta / 2))
    return float(np.mean(losses))
