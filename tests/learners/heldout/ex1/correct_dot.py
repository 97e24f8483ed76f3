# lossdrill: ex1
# heldout: correct — the error vector's dot product with itself, divided by its size
import numpy as np


def mse(y_true, y_pred):
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    if t.shape != p.shape:
        raise ValueError(f"shapes differ: {t.shape} and {p.shape}")
    e = (p - t).ravel()
    return float(np.dot(e, e) / e.size)
