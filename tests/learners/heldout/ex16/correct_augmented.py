# lossdrill: ex16
# heldout: correct — ridge as ordinary least squares on data augmented with √(Nλ/2)·I rows and zero targets, solved by np.linalg.lstsq
import numpy as np


def fit_ridge(X, y, lam):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    # mean(r²) + ½λ‖w‖² = (‖r‖² + (Nλ/2)‖w‖²)/N: a least-squares problem on stacked rows
    X_aug = np.vstack([X, np.sqrt(n * lam / 2.0) * np.eye(d)])
    y_aug = np.concatenate([y, np.zeros(d)])
    w, *_ = np.linalg.lstsq(X_aug, y_aug, rcond=None)
    return w


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    X_tr = np.asarray(X_tr, dtype=np.float64)
    y_tr = np.asarray(y_tr, dtype=np.float64)
    X_val = np.asarray(X_val, dtype=np.float64)
    y_val = np.asarray(y_val, dtype=np.float64)
    weights = np.array([fit_ridge(X_tr, y_tr, lam) for lam in lams]).reshape(len(lams), -1)
    train_mse = np.mean((weights @ X_tr.T - y_tr) ** 2, axis=1)
    val_mse = np.mean((weights @ X_val.T - y_val) ** 2, axis=1)
    return train_mse, val_mse
