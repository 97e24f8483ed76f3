# lossdrill: ex28
# heldout: unknown-loss-falls-back — every loss name that is not "mse" or "mae" is taken for Huber, so a typo is never reported
import numpy as np


def _check(theta, x, y, loss, delta):
    theta = np.asarray(theta, dtype=float)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if theta.shape != (2,) or x.ndim != 1 or x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    if loss not in ("mse", "mae") and delta <= 0:
        raise ValueError("delta must be positive")
    return theta, x, y


def line_loss(x, y, theta, loss="mse", delta=1.0):
    theta, x, y = _check(theta, x, y, loss, delta)
    r = theta[0] * x + theta[1] - y
    if loss == "mse":
        return float(np.mean(r ** 2))
    if loss == "mae":
        return float(np.mean(np.abs(r)))
    a = np.abs(r)
    return float(np.mean(np.where(a <= delta, 0.5 * r ** 2, delta * (a - 0.5 * delta))))



def line_grad(x, y, theta, loss="mse", delta=1.0):
    theta, x, y = _check(theta, x, y, loss, delta)
    r = theta[0] * x + theta[1] - y
    if loss == "mse":
        p = 2 * r
    elif loss == "mae":
        p = np.sign(r)
    else:
        p = np.clip(r, -delta, delta)
    return np.array([np.mean(p * x), np.mean(p)])

