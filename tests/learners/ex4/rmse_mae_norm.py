# lossdrill: ex4
"""RMSE and MAE through vector norms: ‖e‖₂/√N and ‖e‖₁/N."""
import numpy as np


def _errors(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred must have the same shape")
    return (y_pred - y_true).ravel()


def rmse(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.linalg.norm(e) / np.sqrt(e.size))


def mae(y_true, y_pred):
    e = _errors(y_true, y_pred)
    return float(np.linalg.norm(e, ord=1) / e.size)
