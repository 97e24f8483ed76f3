# lossdrill: ex16
# heldout: rmse-instead-of-mse — reports the root mean squared error on both sets instead of the mean squared error
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    return np.linalg.solve(2 * X.T @ X / n + lam * np.eye(d), 2 * X.T @ y / n)


def _rmse(X, y, w):
    return np.sqrt(np.mean((X @ w - y) ** 2))


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr = np.asarray(X_tr, dtype=np.float64)
    y_tr = np.asarray(y_tr, dtype=np.float64)
    X_val = np.asarray(X_val, dtype=np.float64)
    y_val = np.asarray(y_val, dtype=np.float64)
    ws = [fit_ridge(X_tr, y_tr, lam) for lam in lams]
    return (np.array([_rmse(X_tr, y_tr, w) for w in ws]),
            np.array([_rmse(X_val, y_val, w) for w in ws]))
