# lossdrill: ex15
# Mistake: the penalty lam·‖w‖² (no ½), with its own gradient 2·lam·w.
import numpy as np


def ridge_objective(w, X, y, lam):
    w, X, y = (np.asarray(a, dtype=float) for a in (w, X, y))
    r = X @ w - y
    loss = np.mean(r ** 2) + lam * np.sum(w ** 2)
    grad = 2 * X.T @ r / len(y) + 2 * lam * w
    return float(loss), grad
