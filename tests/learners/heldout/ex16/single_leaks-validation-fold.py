# lossdrill: ex16
# heldout: leaks-validation-fold — fits each λ on the training and validation rows together, so the validation error measures data the model has seen
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    A = 2 * X.T @ X / n + lam * np.eye(d)
    b = 2 * X.T @ y / n
    return np.linalg.solve(A, b)


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr = np.asarray(X_tr, dtype=np.float64)
    y_tr = np.asarray(y_tr, dtype=np.float64)
    X_val = np.asarray(X_val, dtype=np.float64)
    y_val = np.asarray(y_val, dtype=np.float64)
    X_all = np.vstack([X_tr, X_val])
    y_all = np.concatenate([y_tr, y_val])
    train, val = [], []
    for lam in lams:
        w = fit_ridge(X_all, y_all, lam)
        train.append(np.mean((X_tr @ w - y_tr) ** 2))
        val.append(np.mean((X_val @ w - y_val) ** 2))
    return np.array(train), np.array(val)
