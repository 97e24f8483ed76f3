# lossdrill: ex1
"""Mean squared error with an explicit loop over the elements (works for 1-D and 2-D)."""
import numpy as np


def mse(y_true, y_pred):
    if np.shape(y_true) != np.shape(y_pred):
        raise ValueError("y_true and y_pred must have the same shape")
    total = 0.0
    count = 0
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        diff = float(p) - float(t)
        total += diff * diff
        count += 1
    return total / count
