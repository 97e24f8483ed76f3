# lossdrill: ex16
"""Ridge by the normal equations, multiplied through by N/2: (XᵀX + (N·lam/2)·I) w = Xᵀy."""
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    return np.linalg.solve(X.T @ X + (n * lam / 2) * np.eye(d), X.T @ y)


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr, y_tr, X_val, y_val = (np.asarray(a, dtype=float) for a in (X_tr, y_tr, X_val, y_val))
    weights = [fit_ridge(X_tr, y_tr, lam) for lam in lams]
    train = np.array([np.mean((X_tr @ w - y_tr) ** 2) for w in weights])
    val = np.array([np.mean((X_val @ w - y_val) ** 2) for w in weights])
    return train, val
