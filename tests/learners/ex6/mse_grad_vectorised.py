# lossdrill: ex6
"""Both gradients with NumPy; the MSE gradient is the per-element one times 2/N."""
import numpy as np


def squared_error_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred must have the same shape")
    return y_pred - y_true


def mse_grad(y_true, y_pred):
    g = squared_error_grad(y_true, y_pred)
    return g * (2.0 / g.size)
