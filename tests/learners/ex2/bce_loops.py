# lossdrill: ex2
"""Binary cross-entropy with an explicit loop over the elements."""
import math

import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    if np.shape(y_true) != np.shape(p_pred):
        raise ValueError("y_true and p_pred must have the same shape")
    total = 0.0
    n = 0
    for y, p in zip(np.ravel(y_true), np.ravel(p_pred)):
        y = float(y)
        p = float(p)  # to a Python (double) float before clipping
        if p < eps:
            p = eps
        elif p > 1.0 - eps:
            p = 1.0 - eps
        total += y * math.log(p) + (1.0 - y) * math.log(1.0 - p)
        n += 1
    return -total / n
