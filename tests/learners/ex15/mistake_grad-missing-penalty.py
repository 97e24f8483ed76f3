# lossdrill: ex15
# Mistake: the gradient of the data term only; lam·w forgotten.
import numpy as np


def ridge_objective(w, X, y, lam):
    w, X, y = (np.asarray(a, dtype=float) for a in (w, X, y))
    r = X @ w - y
    loss = np.mean(r ** 2) + 0.5 * lam * np.sum(w ** 2)
    grad = 2 * X.T @ r / len(y)
    return float(loss), grad
