# lossdrill: ex3
# heldout: mean-over-violators — averages the hinge over the samples that violate the margin only, not over all N
import numpy as np


def _check(y):
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")


def hinge_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check(y)
    h = 1 - y * s
    violators = h[h > 0]
    if violators.size == 0:
        return 0.0
    return float(violators.mean())


def hinge_grad(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check(y)
    return np.where(y * s < 1, -y / y.size, 0.0)
