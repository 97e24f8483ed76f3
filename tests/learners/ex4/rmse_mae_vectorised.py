# lossdrill: ex4
"""RMSE and MAE with NumPy, sharing one helper for the errors."""
import numpy as np


def _diff(y_true, y_pred):
    a = np.array(y_true, dtype=float)
    b = np.array(y_pred, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"shape mismatch: {a.shape} vs {b.shape}")
    return b - a


def rmse(y_true, y_pred):
    d = _diff(y_true, y_pred)
    return float(np.sqrt(np.mean(np.square(d))))


def mae(y_true, y_pred):
    d = _diff(y_true, y_pred)
    return float(np.abs(d).mean())
