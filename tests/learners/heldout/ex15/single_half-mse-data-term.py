# lossdrill: ex15
# heldout: half-mse-data-term — uses the ½·mean(r²) convention for the data term (loss and gradient agree with each other, but not with this objective)
import numpy as np


def ridge_objective(w, X, y, lam):
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    r = X @ w - y
    loss = 0.5 * np.mean(r ** 2) + 0.5 * lam * np.sum(w ** 2)
    grad = X.T @ r / n + lam * w
    return float(loss), grad
