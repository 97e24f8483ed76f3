# lossdrill: ex15
# heldout: correct — the gradient from the normal-equation terms, 2(XᵀXw − Xᵀy)/N + λw, and the loss as a mean of squared residuals
import numpy as np


def ridge_objective(w, X, y, lam):
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    gram = X.T @ X
    xty = X.T @ y
    residuals = X @ w - y
    loss = float(np.mean(residuals ** 2) + 0.5 * lam * np.sum(w ** 2))
    grad = 2.0 * (gram @ w - xty) / n + lam * w
    return loss, grad
