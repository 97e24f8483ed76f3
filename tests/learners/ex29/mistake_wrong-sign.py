# lossdrill: ex29
# Mistake: the derivative taken with respect to y_true.
import numpy as np


def logcosh_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return np.tanh(y_true - y_pred) / y_true.size


def _central(f, x, h):
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros(x.shape)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def gradient_error(f, x, grad, steps):
    x = np.asarray(x, dtype=float)
    grad = np.asarray(grad, dtype=float)
    steps = np.asarray(steps, dtype=float)
    if grad.shape != x.shape or steps.ndim != 1 or np.any(~(steps > 0)) or np.any(np.isinf(steps)):
        raise ValueError("bad grad or steps")
    scale = max(np.linalg.norm(grad), 1.0)
    return np.array([np.linalg.norm(_central(f, x, h) - grad) / scale for h in steps])
