# lossdrill: ex25
"""Explicit loops and boolean masks, w and b kept apart."""
import numpy as np


def kfold_indices(n, k):
    folds = []
    for f in range(k):
        start = f * n // k
        stop = (f + 1) * n // k
        in_val = np.zeros(n, dtype=bool)
        in_val[start:stop] = True
        folds.append((np.flatnonzero(~in_val), np.flatnonzero(in_val)))
    return folds


def _gradient(loss, r):
    if loss == "mse":
        return 2 * r
    if loss == "mae":
        return np.sign(r)
    if loss == "huber":
        return np.where(np.abs(r) <= 1.0, r, np.sign(r))
    raise ValueError(loss)


def _train(X, y, loss):
    w = np.zeros(X.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(200):
        r = X @ w + b - y
        g = _gradient(loss, r)
        w, b = w - 0.1 * (X.T @ g) / n, b - 0.1 * g.sum() / n
    return w, b


def cv_select_loss(X, y, k=5):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    scores = {}
    for loss in ("mse", "mae", "huber"):
        total = 0.0
        for train, val in kfold_indices(len(y), k):
            w, b = _train(X[train], y[train], loss)
            total += np.mean(np.abs(X[val] @ w + b - y[val]))
        scores[loss] = total / k
    best = "mse"
    for loss in ("mae", "huber"):
        if scores[loss] < scores[best]:
            best = loss
    return scores, best
