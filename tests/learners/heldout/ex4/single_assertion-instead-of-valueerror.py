# lossdrill: ex4
# heldout: assertion-instead-of-valueerror — both functions check the shapes with assert, raising AssertionError where ValueError is asked
import numpy as np


def rmse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    assert y_true.shape == y_pred.shape
    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))


def mae(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    assert y_true.shape == y_pred.shape
    return float(np.mean(np.abs(y_pred - y_true)))
