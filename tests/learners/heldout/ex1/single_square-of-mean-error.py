# lossdrill: ex1
# heldout: square-of-mean-error — squares the mean error (the squared bias) instead of averaging the squared errors
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    mean_error = np.mean(y_pred) - np.mean(y_true)
    return float(mean_error ** 2)
