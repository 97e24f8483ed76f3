# lossdrill: ex1
# Mistake: "saves memory" by working in float32, and returns an np.float32.
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float32)
    y_pred = np.asarray(y_pred, dtype=np.float32)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return np.mean((y_pred - y_true) ** 2, dtype=np.float32)
