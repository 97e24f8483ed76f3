# lossdrill: ex25
# Mistake: shuffles the indices before cutting the blocks.
import numpy as np


def kfold_indices(n, k):
    rng = np.random.default_rng(0)
    idx = rng.permutation(n)  # shuffle first, it is good practice
    folds = []
    for f in range(k):
        start, stop = f * n // k, (f + 1) * n // k
        folds.append((np.concatenate([idx[:start], idx[stop:]]), idx[start:stop]))
    return folds


def _fit(X, y, loss):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(200):
        r = X @ w + b - y
        if loss == "mse":
            g = 2 * r
        elif loss == "mae":
            g = np.sign(r)
        else:
            g = np.clip(r, -1, 1)
        w = w - 0.1 * X.T @ g / len(y)
        b = b - 0.1 * np.mean(g)
    return w, b


def cv_select_loss(X, y, k=5):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    scores = {}
    for loss in ["mse", "mae", "huber"]:
        fold_scores = []
        for train, val in kfold_indices(len(y), k):
            w, b = _fit(X[train], y[train], loss)
            fold_scores.append(np.mean(np.abs(X[val] @ w + b - y[val])))
        scores[loss] = float(np.mean(fold_scores))
    best = min(scores, key=scores.get)
    return scores, best
