# lossdrill: ex1
# Mistake: the 1/2 from the "nice derivative" convention slipped into the loss.
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return float(0.5 * np.mean((y_pred - y_true) ** 2))
