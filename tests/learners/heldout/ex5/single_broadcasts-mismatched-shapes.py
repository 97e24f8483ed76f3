# lossdrill: ex5
# heldout: broadcasts-mismatched-shapes — no shape check: a column against a vector broadcasts into an (N, N) matrix of errors
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    e = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    a = np.abs(e)
    return float(np.mean(np.where(a <= delta, 0.5 * e ** 2, delta * (a - 0.5 * delta))))
