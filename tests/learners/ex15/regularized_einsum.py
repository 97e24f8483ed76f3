# lossdrill: ex15
"""Ridge objective with einsum, the loss as MSE plus penalty."""
import numpy as np


def ridge_objective(w, X, y, lam):
    w, X, y = (np.asarray(a, dtype=np.float64) for a in (w, X, y))
    r = np.einsum("nd,d->n", X, w) - y
    mse = np.mean(np.square(r))
    penalty = 0.5 * lam * np.einsum("d,d->", w, w)
    grad = 2.0 * np.einsum("nd,n->d", X, r) / X.shape[0] + lam * w
    return float(mse + penalty), grad
