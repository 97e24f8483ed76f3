# lossdrill: ex6
# Mistake: no shape check, so a column and a vector broadcast into an (N, N) gradient.
import numpy as np


def squared_error_grad(y_true, y_pred):
    return np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)


def mse_grad(y_true, y_pred):
    g = squared_error_grad(y_true, y_pred)
    return 2 * g / g.size
