# lossdrill: ex29
# heldout: tanh-of-each-argument — differentiates log cosh(ŷ − y) as if the derivative went through the difference: tanh(ŷ) − tanh(y)
import numpy as np


def logcosh_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return (np.tanh(y_pred) - np.tanh(y_true)) / y_pred.size


def _central(f, x, h):
    g = np.empty(x.shape)
    for i in np.ndindex(x.shape):
        d = np.zeros(x.shape)
        d[i] = h
        g[i] = (f(x + d) - f(x - d)) / (2 * h)
    return g


def gradient_error(f, x, grad, steps):
    x = np.asarray(x, dtype=float)
    grad = np.asarray(grad, dtype=float)
    steps = np.asarray(steps, dtype=float)
    if grad.shape != x.shape or steps.ndim != 1 or not np.all(steps > 0):
        raise ValueError("bad grad or steps")
    scale = max(np.linalg.norm(grad), 1.0)
    return np.array([np.linalg.norm(_central(f, x, h) - grad) / scale for h in steps])

