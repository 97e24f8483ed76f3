# lossdrill: ex29
"""A correct solution with loops: tanh written with exponentials, a flat copy of x."""
import math

import numpy as np


def _tanh(r):
    # tanh r = (1 − e^(−2|r|)) / (1 + e^(−2|r|)) with r's sign: e^(−2|r|) never overflows.
    e = math.exp(-2.0 * abs(r))
    return math.copysign((1.0 - e) / (1.0 + e), r)


def logcosh_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"shapes differ: {y_true.shape} and {y_pred.shape}")
    n = y_pred.size
    out = np.empty(y_pred.shape)
    for idx in np.ndindex(y_pred.shape):
        out[idx] = _tanh(float(y_pred[idx] - y_true[idx])) / n
    return out


def gradient_error(f, x, grad, steps):
    x = np.array(x, dtype=np.float64)  # a copy of our own: x itself is read-only
    grad = np.asarray(grad, dtype=np.float64)
    if grad.shape != x.shape:
        raise ValueError("grad and x have different shapes")
    if np.ndim(steps) != 1:
        raise ValueError("steps must be a 1-D list of step sizes")
    steps = [float(h) for h in steps]
    if any(not (0 < h < math.inf) for h in steps):
        raise ValueError("every step must be > 0")
    flat = x.reshape(-1)
    exact = grad.reshape(-1)
    scale = max(math.sqrt(sum(g * g for g in exact)), 1.0)
    errors = []
    for h in steps:
        total = 0.0
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + h
            up = f(x)
            flat[i] = keep - h
            down = f(x)
            flat[i] = keep
            total += ((up - down) / (2 * h) - exact[i]) ** 2
        errors.append(math.sqrt(total) / scale)
    return np.array(errors)
