# lossdrill: ex1
# heldout: rounds-result — rounds the loss to 4 decimals "for a clean answer", losing small errors
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    loss = np.mean((y_pred - y_true) ** 2)
    return round(float(loss), 4)
