# lossdrill: ex28
"""A correct solution with a design matrix: r = Xθ − y and ∇L = Xᵀψ(r)/N."""
import numpy as np

PSI = {
    "mse": lambda r, d: 2.0 * r,
    "mae": lambda r, d: np.sign(r),
    "huber": lambda r, d: np.minimum(np.maximum(r, -d), d),
}
RHO = {
    "mse": lambda r, d: r * r,
    "mae": lambda r, d: np.abs(r),
    "huber": lambda r, d: np.where(np.abs(r) <= d, r * r / 2, d * np.abs(r) - d * d / 2),
}


def _design(theta, x, y, loss, delta):
    theta = np.array(theta, dtype=np.float64)
    x = np.array(x, dtype=np.float64)
    y = np.array(y, dtype=np.float64)
    if theta.shape != (2,) or x.ndim != 1 or x.shape != y.shape or not len(x):
        raise ValueError(f"shapes {theta.shape}, {x.shape}, {y.shape} do not fit a line")
    if loss not in PSI or (loss == "huber" and delta <= 0):
        raise ValueError(f"loss={loss!r}, delta={delta!r}")
    X = np.column_stack([x, np.ones_like(x)])
    return X, X @ theta - y


def line_loss(x, y, theta, loss="mse", delta=1.0):
    X, r = _design(theta, x, y, loss, delta)
    return float(RHO[loss](r, float(delta)).mean())


def line_grad(x, y, theta, loss="mse", delta=1.0):
    X, r = _design(theta, x, y, loss, delta)
    return X.T @ PSI[loss](r, float(delta)) / len(r)
