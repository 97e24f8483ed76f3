# lossdrill: ex29
# heldout: perturbs-all-elements — moves every element of x by h at once, a directional derivative copied into each entry
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
    scale = max(np.linalg.norm(grad), 1.0)
    out = []
    for h in steps:
        slope = (f(x + h) - f(x - h)) / (2 * h)
        g = np.full(x.shape, slope)
        out.append(np.linalg.norm(g - grad) / scale)
    return np.array(out)
