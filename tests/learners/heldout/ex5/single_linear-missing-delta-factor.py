# lossdrill: ex5
# heldout: linear-missing-delta-factor — the linear branch is |e| − ½δ, without the factor δ in front (right for δ = 1 only)
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    e = np.abs(y_pred - y_true)
    return float(np.mean(np.where(e <= delta, 0.5 * e * e, e - 0.5 * delta)))
