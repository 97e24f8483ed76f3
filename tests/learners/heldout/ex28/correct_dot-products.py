# lossdrill: ex28
# heldout: correct — the gradient as two dot products of the pull vector with x and with ones, the loss by a lookup table of lambdas
import numpy as np

RHO = {
    "mse": lambda r, d: np.square(r),
    "mae": lambda r, d: np.abs(r),
    "huber": lambda r, d: np.where(np.abs(r) > d, d * np.abs(r) - d * d / 2, np.square(r) / 2),
}
PSI = {
    "mse": lambda r, d: r + r,
    "mae": lambda r, d: np.sign(r),
    "huber": lambda r, d: np.where(np.abs(r) > d, d * np.sign(r), r),
}


def _setup(theta, x, y, loss, delta):
    w, b = np.asarray(theta, dtype=np.float64).reshape(-1) if np.ndim(theta) == 1 else (None, None)
    if w is None or np.size(theta) != 2:
        raise ValueError("theta must be [w, b]")
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.ndim != 1 or y.shape != x.shape or len(x) < 1:
        raise ValueError("x and y: 1-D, same length, not empty")
    if loss not in RHO:
        raise ValueError(f"no loss {loss!r}")
    if loss == "huber" and not delta > 0:
        raise ValueError("delta must be > 0")
    return x, (w * x + b) - y


def line_loss(x, y, theta, loss="mse", delta=1.0):
    x, r = _setup(theta, x, y, loss, delta)
    return float(np.dot(RHO[loss](r, delta), np.ones_like(r)) / len(r))


def line_grad(x, y, theta, loss="mse", delta=1.0):
    x, r = _setup(theta, x, y, loss, delta)
    pull = PSI[loss](r, delta)
    return np.array([np.dot(pull, x), np.dot(pull, np.ones_like(x))]) / len(x)
