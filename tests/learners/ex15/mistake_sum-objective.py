# lossdrill: ex15
# Mistake: the objective written with the sum of squares, ‖Xw − y‖² + ½·lam·‖w‖², and its
# gradient, consistently.
import numpy as np


def ridge_objective(w, X, y, lam):
    w, X, y = (np.asarray(a, dtype=float) for a in (w, X, y))
    r = X @ w - y
    loss = r @ r + 0.5 * lam * (w @ w)
    grad = 2 * X.T @ r + lam * w
    return float(loss), grad
