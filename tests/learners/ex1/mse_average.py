# lossdrill: ex1
"""Mean squared error with np.average and np.square."""
import numpy as np


def mse(y_true, y_pred):
    a = np.array(y_true, dtype=np.float64)
    b = np.array(y_pred, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError("mse: inputs must have identical shapes")
    return np.average(np.square(np.subtract(a, b)))
