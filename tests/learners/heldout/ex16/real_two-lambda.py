# lossdrill: ex16
# heldout: forgets-n-scaling — the textbook closed form (XᵀX + 2λI)⁻¹Xᵀy, which drops the 1/N of the mean (the penalty ends up N times too weak)
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    XT = X.T
    I = np.eye(X.shape[1])
    return np.linalg.inv(XT @ X + 2 * lam * I) @ XT @ y


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
