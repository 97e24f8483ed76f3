# lossdrill: ex16
# heldout: norm-instead-of-mse — measures each fit by norm(X·w − y), the length of the residual vector, as in bias–variance demos, not its mean square
import numpy as np
from numpy.linalg import norm


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    return np.linalg.solve(2 * X.T @ X / n + lam * np.eye(d), 2 * X.T @ y / n)


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr = np.asarray(X_tr, dtype=np.float64)
    y_tr = np.asarray(y_tr, dtype=np.float64)
    X_val = np.asarray(X_val, dtype=np.float64)
    y_val = np.asarray(y_val, dtype=np.float64)
    train_errors, errors = [], []
    for lam in lams:
        w = fit_ridge(X_tr, y_tr, lam)
        train_errors.append(norm(X_tr @ w - y_tr))
        errors.append(norm(X_val @ w - y_val))
    return np.array(train_errors), np.array(errors)
