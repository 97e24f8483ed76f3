# lossdrill: ex1
# Mistake: no shape check, so (N, 1) against (N,) silently broadcasts to (N, N).
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    return float(np.mean((y_pred - y_true) ** 2))
