# lossdrill: ex6
# heldout: int-gradient-buffer — fills a buffer made with np.empty_like(y_pred), which is integer (or float32) for such input, truncating the gradient
import numpy as np


def squared_error_grad(y_true, y_pred):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    grad = np.empty_like(y_pred)
    grad[...] = y_pred - y_true
    return grad


def mse_grad(y_true, y_pred):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    grad = np.empty_like(y_pred)
    grad[...] = 2.0 * (y_pred - y_true) / y_pred.size
    return grad
