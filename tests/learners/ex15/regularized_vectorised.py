# lossdrill: ex15
"""Ridge objective: residuals once, loss and gradient from them (np.dot / matmul)."""
import numpy as np


def ridge_objective(w, X, y, lam):
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = len(y)
    r = X.dot(w) - y
    loss = r.dot(r) / n + lam / 2 * w.dot(w)
    grad = (2.0 / n) * X.T.dot(r) + lam * w
    return float(loss), grad
