# lossdrill: ex6
# heldout: assertion-instead-of-valueerror — asserts the shapes are equal, raising AssertionError where ValueError is asked
import numpy as np


def squared_error_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    assert y_true.shape == y_pred.shape, "shapes must match"
    return y_pred - y_true


def mse_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    assert y_true.shape == y_pred.shape, "shapes must match"
    return 2.0 * (y_pred - y_true) / y_pred.size
