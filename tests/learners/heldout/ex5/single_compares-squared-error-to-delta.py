# lossdrill: ex5
# heldout: compares-squared-error-to-delta — the condition is e² ≤ δ instead of |e| ≤ δ (the same only for δ = 1)
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    e = y_pred - y_true
    small = e ** 2 <= delta
    return float(np.mean(np.where(small, 0.5 * e ** 2, delta * (np.abs(e) - 0.5 * delta))))
