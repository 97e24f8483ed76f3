# lossdrill: ex2
# Mistake: mixes up which argument is which: clips and takes logs of the labels,
# and weights by the predicted probabilities.
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(p_pred, dtype=np.float64)
    p = np.asarray(y_true, dtype=np.float64)
    if y.shape != p.shape:
        raise ValueError("shape mismatch")
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
