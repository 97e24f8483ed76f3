# lossdrill: ex16
# heldout: penalty-gradient-halved — takes the derivative of ½·λ·‖w‖² to be ½·λ·w, solving (2XᵀX/N + ½λI)w = 2Xᵀy/N: half the penalty
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    return np.linalg.solve(2 * X.T @ X / n + 0.5 * lam * np.eye(d), 2 * X.T @ y / n)


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr = np.asarray(X_tr, dtype=np.float64)
    y_tr = np.asarray(y_tr, dtype=np.float64)
    X_val = np.asarray(X_val, dtype=np.float64)
    y_val = np.asarray(y_val, dtype=np.float64)
    train, val = [], []
    for lam in lams:
        w = fit_ridge(X_tr, y_tr, lam)
        train.append(np.mean((X_tr @ w - y_tr) ** 2))
        val.append(np.mean((X_val @ w - y_val) ** 2))
    return np.array(train), np.array(val)
