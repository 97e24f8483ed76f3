# lossdrill: ex15
# Mistake: the residual written y − Xw in the gradient.
import numpy as np


def ridge_objective(w, X, y, lam):
    w, X, y = (np.asarray(a, dtype=float) for a in (w, X, y))
    loss = np.mean((X @ w - y) ** 2) + 0.5 * lam * np.sum(w ** 2)
    error = y - X @ w
    grad = 2 * X.T @ error / len(y) + lam * w
    return float(loss), grad
