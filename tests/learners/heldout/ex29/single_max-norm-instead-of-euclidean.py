# lossdrill: ex29
# heldout: max-norm-instead-of-euclidean — measures the error by its largest element, np.max(np.abs(...)), in the numerator and the denominator
import numpy as np


def logcosh_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return np.tanh(y_pred - y_true) / y_pred.size



def gradient_error(f, x, grad, steps):
    x = np.asarray(x, dtype=float)
    grad = np.asarray(grad, dtype=float)
    steps = np.asarray(steps, dtype=float)
    if grad.shape != x.shape or steps.ndim != 1 or not np.all(steps > 0):
        raise ValueError("bad grad or steps")
    scale = max(np.max(np.abs(grad)), 1.0)
    out = []
    for h in steps:
        g = np.empty(x.shape)
        for i in np.ndindex(x.shape):
            d = np.zeros(x.shape)
            d[i] = h
            g[i] = (f(x + d) - f(x - d)) / (2 * h)
        out.append(np.max(np.abs(g - grad)) / scale)
    return np.array(out)
