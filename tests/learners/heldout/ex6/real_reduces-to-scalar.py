# lossdrill: ex6
# heldout: reduces-gradient-to-scalar — returns the mean of the per-element gradient, one number, as linear-regression code does for the bias
import numpy as np


def squared_error_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    return y_pred - y_true


def mse_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    return -2 * np.mean(y_true - y_pred)
