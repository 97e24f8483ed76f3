# lossdrill: ex4
# heldout: square-instead-of-sqrt — np.square where np.sqrt was meant: the RMSE returns the MSE squared
import numpy as np


def _check(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred differ in shape")
    return y_true, y_pred


def mae(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


def rmse(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.square(np.mean((y_true - y_pred) ** 2)))
