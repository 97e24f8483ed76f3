# lossdrill: ex16
# Mistake: the textbook (XᵀX + lam·I) w = Xᵀy, written for the summed objective.
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    d = X.shape[1]
    return np.linalg.inv(X.T @ X + lam * np.identity(d)) @ (X.T @ y)


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr, y_tr, X_val, y_val = (np.asarray(a, dtype=float) for a in (X_tr, y_tr, X_val, y_val))
    train, val = [], []
    for lam in lams:
        w = fit_ridge(X_tr, y_tr, lam)
        train.append(np.mean((X_tr @ w - y_tr) ** 2))
        val.append(np.mean((X_val @ w - y_val) ** 2))
    return np.array(train), np.array(val)
