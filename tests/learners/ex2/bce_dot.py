# lossdrill: ex2
"""Binary cross-entropy as two dot products (works for soft labels too)."""
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.array(y_true, dtype=np.float64).ravel()
    p = np.array(p_pred, dtype=np.float64)
    if np.shape(y_true) != p.shape:
        raise ValueError("y_true and p_pred shapes differ")
    p = np.clip(p.ravel(), eps, 1 - eps)
    log_likelihood = y @ np.log(p) + (1 - y) @ np.log(1 - p)
    return -log_likelihood / y.size
