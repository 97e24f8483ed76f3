# lossdrill: ex29
"""A correct solution: np.tanh for the derivative, an ex23-style numerical gradient."""
import numpy as np


def logcosh_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred must have the same shape")
    return np.tanh(y_pred - y_true) / y_pred.size


def _numerical_grad(f, x, h):
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[idx] = h
        g[idx] = (f(x + step) - f(x - step)) / (2 * h)
    return g


def gradient_error(f, x, grad, steps):
    x = np.asarray(x, dtype=float)
    grad = np.asarray(grad, dtype=float)
    steps = np.asarray(steps, dtype=float)
    if grad.shape != x.shape:
        raise ValueError("grad must have the shape of x")
    if steps.ndim != 1 or not np.all(steps > 0) or not np.all(np.isfinite(steps)):
        raise ValueError("steps must be positive")
    scale = max(np.linalg.norm(grad), 1.0)
    return np.array([np.linalg.norm(_numerical_grad(f, x, h) - grad) / scale for h in steps])
