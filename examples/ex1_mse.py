# lossdrill: ex1
"""Mean squared error, my solution to ex1."""

import numpy as np


def mse(y_true, y_pred):
    # float64 arrays, whatever came in (lists, ints, float32)
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)

    # an (N, 1) column minus an (N,) vector would broadcast to (N, N): refuse it
    if y_true.shape != y_pred.shape:
        raise ValueError(f"shape mismatch: y_true {y_true.shape}, y_pred {y_pred.shape}")

    errors = y_pred - y_true  # a new array, the inputs stay untouched
    return float(np.mean(np.square(errors)))
