# lossdrill: ex1
# heldout: assertion-instead-of-valueerror — checks the shapes with assert, which raises AssertionError where ValueError is asked
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    assert y_true.shape == y_pred.shape, "shapes differ"
    return float(np.mean((y_pred - y_true) ** 2))
