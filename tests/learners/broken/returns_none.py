# lossdrill: ex1
import numpy as np


def mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    loss = float(np.mean((y_pred - y_true) ** 2))
    print("loss =", loss)  # prints instead of returning
