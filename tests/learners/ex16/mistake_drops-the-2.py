# lossdrill: ex16
# Mistake: the normal equations without the 2 from the squares: (XᵀX/N + lam·I) w = Xᵀy/N.
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    return np.linalg.solve(X.T @ X / n + lam * np.eye(d), X.T @ y / n)


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr, y_tr, X_val, y_val = (np.asarray(a, dtype=float) for a in (X_tr, y_tr, X_val, y_val))
    train, val = [], []
    for lam in lams:
        w = fit_ridge(X_tr, y_tr, lam)
        train.append(np.mean((X_tr @ w - y_tr) ** 2))
        val.append(np.mean((X_val @ w - y_val) ** 2))
    return np.array(train), np.array(val)
