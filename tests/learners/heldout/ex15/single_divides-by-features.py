# lossdrill: ex15
# heldout: divides-by-features — the gradient's data term divides by len(w), the number of features D, instead of the N samples
import numpy as np


def ridge_objective(w, X, y, lam):
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    r = X @ w - y
    loss = np.mean(r ** 2) + 0.5 * lam * np.dot(w, w)
    grad = 2 * X.T @ r / len(w) + lam * w
    return float(loss), grad
