# lossdrill: ex4
# Mistake: no shape check, so an (N, 1) column and an (N,) vector broadcast to (N, N).
import numpy as np


def rmse(y_true, y_pred):
    diff = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
    return float(np.sqrt(np.mean(diff ** 2)))


def mae(y_true, y_pred):
    diff = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
    return float(np.mean(np.abs(diff)))
