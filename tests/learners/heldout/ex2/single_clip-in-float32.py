# lossdrill: ex2
# heldout: clip-in-float32 — clips before converting to float64: for float32 input 1 − eps rounds to 1.0, so p = 1 stays 1 and log(1 − p) is −inf
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p_pred), eps, 1 - eps)
    p = p.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
