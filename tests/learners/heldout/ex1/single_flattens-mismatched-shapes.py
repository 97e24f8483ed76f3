# lossdrill: ex1
# heldout: flattens-mismatched-shapes — ravels both arrays and only compares sizes, so a column against a vector is accepted instead of raising ValueError
import numpy as np


def mse(y_true, y_pred):
    y_true = np.ravel(np.asarray(y_true, dtype=np.float64))
    y_pred = np.ravel(np.asarray(y_pred, dtype=np.float64))
    if y_true.size != y_pred.size:
        raise ValueError("different number of elements")
    return float(np.mean((y_pred - y_true) ** 2))
