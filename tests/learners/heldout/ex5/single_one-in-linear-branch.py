# lossdrill: ex5
# heldout: hard-coded-delta — uses delta in the condition but writes the linear branch for δ = 1, |e| − 0.5
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    a = np.abs(y_pred - y_true)
    return float(np.mean(np.where(a <= delta, 0.5 * a ** 2, a - 0.5)))
