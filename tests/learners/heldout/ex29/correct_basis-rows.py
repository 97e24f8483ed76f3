# lossdrill: ex29
# heldout: correct — tanh from one exponential of −2|r|, and every moved point built at once as rows x ± h·I of the flattened x
import numpy as np


def logcosh_grad(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred differ in shape")
    r = y_pred - y_true
    e = np.exp(-2.0 * np.abs(r))
    return np.sign(r) * (1.0 - e) / (1.0 + e) / r.size


def gradient_error(f, x, grad, steps):
    x = np.asarray(x, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    steps = np.asarray(steps, dtype=np.float64)
    if grad.shape != x.shape:
        raise ValueError("grad must have x's shape")
    if steps.ndim != 1 or not (np.all(steps > 0) and np.all(np.isfinite(steps))):
        raise ValueError("steps: a 1-D array of positive numbers")
    flat, eye = x.ravel(), np.eye(x.size)
    norm = np.sqrt(np.sum(grad ** 2))
    errors = np.empty(len(steps))
    for k, h in enumerate(steps):
        ups, downs = flat + h * eye, flat - h * eye
        g = np.array([f(u.reshape(x.shape)) - f(d.reshape(x.shape)) for u, d in zip(ups, downs)])
        g = g / (2 * h)
        errors[k] = np.sqrt(np.sum((g - grad.ravel()) ** 2)) / max(norm, 1.0)
    return errors
