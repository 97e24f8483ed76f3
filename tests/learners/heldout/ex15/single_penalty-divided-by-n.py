# lossdrill: ex15
# heldout: penalty-divided-by-n — divides the penalty (and its gradient) by N along with the data term: ½·λ·‖w‖²/N
import numpy as np


def ridge_objective(w, X, y, lam):
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = len(y)
    r = X @ w - y
    loss = (np.sum(r ** 2) + 0.5 * lam * np.sum(w ** 2)) / n
    grad = (2 * X.T @ r + lam * w) / n
    return float(loss), grad
