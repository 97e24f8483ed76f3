# lossdrill: ex1
# heldout: broadcasts-mismatched-shapes — the one-line metric with no shape check: a column against a vector broadcasts into an (N, N) matrix
import numpy as np


def mse(y_true, y_pred):
    return float(np.square(np.subtract(y_true, y_pred)).mean())
