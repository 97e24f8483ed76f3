# lossdrill: ex1
# heldout: builtin-sum-on-2d — Python's built-in sum over a 2-D array adds the rows into a vector, and len() counts rows
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    n = len(y_true)
    return sum((y_true - y_pred) ** 2) / n
