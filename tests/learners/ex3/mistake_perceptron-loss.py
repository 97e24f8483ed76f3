# lossdrill: ex3
# Mistake: no margin: max(0, -y*s) is the perceptron criterion, not the hinge.
import numpy as np


def _validate(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if y.shape != s.shape:
        raise ValueError("shape mismatch")
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    return y, s


def hinge_loss(y_true, scores):
    y, s = _validate(y_true, scores)
    return float(np.mean(np.maximum(0.0, -y * s)))


def hinge_grad(y_true, scores):
    y, s = _validate(y_true, scores)
    return np.where(y * s < 1.0, -y, 0.0) / y.size
