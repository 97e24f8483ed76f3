# lossdrill: ex3
# heldout: grad-divides-by-active-count — divides the gradient by the number of samples inside the margin instead of by N
import numpy as np


def _check(y):
    if not np.all(np.isin(y, (-1, 1))):
        raise ValueError("labels must be in {-1, +1}")


def hinge_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check(y)
    return float(np.mean(np.maximum(0, 1 - y * s)))


def hinge_grad(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check(y)
    active = y * s < 1
    grad = np.zeros_like(s)
    count = max(int(active.sum()), 1)
    grad[active] = -y[active] / count
    return grad
