# lossdrill: ex29
# Mistake: forward differences (f(x + h) - f(x)) / h instead of central ones.
import numpy as np


def gradient_error(f, x, grad, steps):
    x = np.asarray(x, dtype=float)
    grad = np.asarray(grad, dtype=float)
    steps = np.asarray(steps, dtype=float)
    if grad.shape != x.shape or steps.ndim != 1 or not np.all(steps > 0):
        raise ValueError("bad grad or steps")
    fx = f(x)
    out = []
    for h in steps:
        g = np.zeros(x.shape)
        for idx in np.ndindex(x.shape):
            e = np.zeros(x.shape)
            e[idx] = h
            g[idx] = (f(x + e) - fx) / h
        out.append(np.linalg.norm(g - grad) / max(np.linalg.norm(grad), 1.0))
    return np.array(out)


def logcosh_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return np.tanh(y_pred - y_true) / y_true.size
