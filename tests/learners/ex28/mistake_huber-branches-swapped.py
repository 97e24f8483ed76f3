# lossdrill: ex28
# Mistake: the Huber gradient is r for large residuals and delta·sign(r) for small ones.
import numpy as np


def _prepare(theta, x, y, loss, delta):
    theta = np.asarray(theta, dtype=float)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if theta.shape != (2,) or x.ndim != 1 or x.shape != y.shape or x.size == 0:
        raise ValueError("theta must be [w, b]; x and y non-empty 1-D of the same length")
    if loss not in ("mse", "mae", "huber"):
        raise ValueError("loss must be mse, mae or huber")
    if loss == "huber" and delta <= 0:
        raise ValueError("delta must be positive")
    return theta[0] * x + theta[1] - y, x


def line_loss(x, y, theta, loss="mse", delta=1.0):
    r, x = _prepare(theta, x, y, loss, delta)
    if loss == "mse":
        return float(np.mean(r ** 2))
    if loss == "mae":
        return float(np.mean(np.abs(r)))
    a = np.abs(r)
    return float(np.mean(np.where(a <= delta, 0.5 * r ** 2, delta * (a - 0.5 * delta))))


def line_grad(x, y, theta, loss="mse", delta=1.0):
    r, x = _prepare(theta, x, y, loss, delta)
    if loss == "mse":
        g = 2 * r
    elif loss == "mae":
        g = np.sign(r)
    else:
        small = np.abs(r) <= delta
        g = np.where(small, delta * np.sign(r), r)
    return np.array([np.mean(g * x), np.mean(g)])
