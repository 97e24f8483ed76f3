# lossdrill: ex1
"""Mean squared error as a dot product of the residual with itself (returns np.float64)."""
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes must match exactly; (N, 1) and (N,) do not")
    r = (y_pred - y_true).ravel()
    return np.einsum("i,i->", r, r) / r.size
