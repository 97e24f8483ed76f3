# lossdrill: ex15
# heldout: grad-penalty-doubled — the loss has ½·λ·‖w‖², but its gradient is written 2·λ·w as if the ½ were not there
import numpy as np


def ridge_objective(w, X, y, lam):
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    r = X.dot(w) - y
    loss = r.dot(r) / n + 0.5 * lam * w.dot(w)
    grad = 2.0 * X.T.dot(r) / n + 2.0 * lam * w
    return float(loss), grad
