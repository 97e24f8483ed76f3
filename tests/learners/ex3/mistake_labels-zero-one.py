# lossdrill: ex3
# Mistake: thinks the labels are {0, 1} and maps them to {-1, +1} with 2*y - 1,
# although they already are -1/+1 (so -1 becomes -3). Invalid labels are still rejected.
import numpy as np


def _validate(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if y.shape != s.shape:
        raise ValueError("shape mismatch")
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    y = 2 * y - 1  # convert {0, 1} labels to {-1, +1}
    return y, s


def hinge_loss(y_true, scores):
    y, s = _validate(y_true, scores)
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))


def hinge_grad(y_true, scores):
    y, s = _validate(y_true, scores)
    return np.where(y * s < 1.0, -y, 0.0) / y.size
