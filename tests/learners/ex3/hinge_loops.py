# lossdrill: ex3
"""Hinge loss and gradient with explicit loops over the elements."""
import numpy as np


def _check(y_true, scores):
    if np.shape(y_true) != np.shape(scores):
        raise ValueError("y_true and scores must have the same shape")
    for y in np.ravel(y_true):
        if y != 1 and y != -1:
            raise ValueError(f"label {y!r} is not -1 or +1")


def hinge_loss(y_true, scores):
    _check(y_true, scores)
    total = 0.0
    n = 0
    for y, s in zip(np.ravel(y_true), np.ravel(scores)):
        margin = float(y) * float(s)
        if margin < 1.0:
            total += 1.0 - margin
        n += 1
    return total / n


def hinge_grad(y_true, scores):
    _check(y_true, scores)
    flat_y = np.ravel(y_true)
    flat_s = np.ravel(scores)
    n = flat_y.size
    grad = np.zeros(n, dtype=np.float64)
    for i in range(n):
        y = float(flat_y[i])
        if y * float(flat_s[i]) < 1.0:
            grad[i] = -y / n
    return grad.reshape(np.shape(scores))
