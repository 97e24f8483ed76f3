# lossdrill: ex5
# heldout: hard-coded-delta — the body sets delta = 1.0 again, shadowing the argument, as in from-scratch loss modules
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    delta = 1.0
    residuals = y_true - y_pred
    loss = np.where(
        np.abs(residuals) <= delta,
        0.5 * residuals ** 2,
        delta * np.abs(residuals) - 0.5 * delta ** 2,
    )
    return float(np.mean(loss))
