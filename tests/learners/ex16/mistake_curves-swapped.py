# lossdrill: ex16
# Mistake: the two curves returned in the wrong order.
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    return np.linalg.solve(2 * X.T @ X / n + lam * np.eye(d), 2 * X.T @ y / n)


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr, y_tr, X_val, y_val = (np.asarray(a, dtype=float) for a in (X_tr, y_tr, X_val, y_val))
    train, val = [], []
    for lam in lams:
        w = fit_ridge(X_tr, y_tr, lam)
        train.append(np.mean((X_tr @ w - y_tr) ** 2))
        val.append(np.mean((X_val @ w - y_val) ** 2))
    return np.array(val), np.array(train)
