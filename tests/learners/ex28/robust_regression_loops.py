# lossdrill: ex28
"""A correct solution, written with an explicit loop over the points."""
import numpy as np


def _check(theta, x, y, loss, delta):
    theta = np.asarray(theta, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if theta.shape != (2,) or x.ndim != 1 or y.ndim != 1 or len(x) != len(y) or len(x) == 0:
        raise ValueError("bad shapes")
    if loss not in ("mse", "mae", "huber"):
        raise ValueError("unknown loss")
    if loss == "huber" and not delta > 0:
        raise ValueError("delta must be > 0")
    return float(theta[0]), float(theta[1]), x, y


def line_loss(x, y, theta, loss="mse", delta=1.0):
    w, b, x, y = _check(theta, x, y, loss, delta)
    total = 0.0
    for xi, yi in zip(x, y):
        r = w * xi + b - yi
        if loss == "mse":
            total += r * r
        elif loss == "mae":
            total += abs(r)
        elif abs(r) <= delta:
            total += 0.5 * r * r
        else:
            total += delta * (abs(r) - 0.5 * delta)
    return total / len(x)


def line_grad(x, y, theta, loss="mse", delta=1.0):
    w, b, x, y = _check(theta, x, y, loss, delta)
    dw = db = 0.0
    for xi, yi in zip(x, y):
        r = w * xi + b - yi
        if loss == "mse":
            pull = 2 * r
        elif loss == "mae":
            pull = 1.0 if r > 0 else (-1.0 if r < 0 else 0.0)
        elif r > delta:
            pull = delta
        elif r < -delta:
            pull = -delta
        else:
            pull = r
        dw += pull * xi
        db += pull
    n = len(x)
    return np.array([dw / n, db / n])
