# lossdrill: ex6
# heldout: broadcasts-mismatched-shapes — the usual two-liners without a shape check: a column against a vector gives an (N, N) gradient
import numpy as np


def squared_error_grad(y_true, y_pred):
    return np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)


def mse_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    return 2 * (np.asarray(y_pred, dtype=np.float64) - y_true) / y_true.size
