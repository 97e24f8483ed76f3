# lossdrill: ex1
# heldout: divides-by-rows — divides the sum of squares by len(y_true), the number of rows, not by all n·k elements
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred must have the same shape")
    n = len(y_true)
    return float(np.sum((y_pred - y_true) ** 2) / n)
