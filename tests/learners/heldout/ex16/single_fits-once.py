# lossdrill: ex16
# heldout: fits-once — fits the weights once, with the first λ, before the loop, and measures that same fit for every λ
import numpy as np


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
    lams = list(lams)
    w = fit_ridge(X_tr, y_tr, lams[0])
    train_mse = np.zeros(len(lams))
    val_mse = np.zeros(len(lams))
    for k, lam in enumerate(lams):
        train_mse[k] = np.mean((X_tr @ w - y_tr) ** 2)
        val_mse[k] = np.mean((X_val @ w - y_val) ** 2)
    return train_mse, val_mse
