# lossdrill: ex5
# heldout: correct — splits |e| into q = min(|e|, δ) and the excess |e| − q: ½q² + δ·(|e| − q)
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    if t.shape != p.shape:
        raise ValueError(f"y_true {t.shape} and y_pred {p.shape} must have the same shape")
    a = np.abs(p - t)
    q = np.minimum(a, delta)
    return float(np.mean(0.5 * q * q + delta * (a - q)))
