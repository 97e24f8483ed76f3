# lossdrill: ex1
# Mistake: computes the residual in place, overwriting the caller's y_pred.
import numpy as np


def mse(y_true, y_pred):
    if np.shape(y_true) != np.shape(y_pred):
        raise ValueError("shapes differ")
    y_pred -= y_true
    y_pred **= 2
    return float(np.mean(y_pred))
