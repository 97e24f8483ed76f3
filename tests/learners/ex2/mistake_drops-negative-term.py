# lossdrill: ex2
# Mistake: keeps only the y·log(p) term; the (1 - y)·log(1 - p) term for negatives is missing.
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)
    if y.shape != p.shape:
        raise ValueError("shape mismatch")
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(y * np.log(p)))
