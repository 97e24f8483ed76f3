# lossdrill: ex16
# Mistake: the curves report the regularised objective, penalty included.
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    return np.linalg.solve(2 * X.T @ X / n + lam * np.eye(d), 2 * X.T @ y / n)


def _objective(X, y, w, lam):
    return np.mean((X @ w - y) ** 2) + 0.5 * lam * np.sum(w ** 2)


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr, y_tr, X_val, y_val = (np.asarray(a, dtype=float) for a in (X_tr, y_tr, X_val, y_val))
    train, val = [], []
    for lam in lams:
        w = fit_ridge(X_tr, y_tr, lam)
        train.append(_objective(X_tr, y_tr, w, lam))
        val.append(_objective(X_val, y_val, w, lam))
    return np.array(train), np.array(val)
