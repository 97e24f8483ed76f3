# lossdrill: ex2
# Mistake: never clips the probabilities, so p = 0 or p = 1 gives log(0).
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)
    if y.shape != p.shape:
        raise ValueError("shape mismatch")
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
