# lossdrill: ex2
"""Binary cross-entropy with np.where guarding the 0·log terms, averaged with np.average."""
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true).astype(np.float64)
    p = np.asarray(p_pred).astype(np.float64)
    if y.shape != p.shape:
        raise ValueError("shape mismatch")
    p = np.minimum(np.maximum(p, eps), 1.0 - eps)
    pos = np.where(y != 0, y * np.log(p), 0.0)
    neg = np.where(y != 1, (1.0 - y) * np.log(1.0 - p), 0.0)
    return -np.average(pos + neg)
