# lossdrill: ex25
# heldout: huber-gradient-loses-sign — the Huber gradient is np.where(|r| ≤ δ, r, δ): large negative residuals get +δ instead of −δ
import numpy as np


def kfold_indices(n, k):
    idx = np.arange(n)
    folds = []
    for f in range(k):
        lo, hi = f * n // k, (f + 1) * n // k
        folds.append((np.concatenate([idx[:lo], idx[hi:]]), idx[lo:hi]))
    return folds


def _grad(loss, r):
    if loss == "mse":
        return 2 * r
    if loss == "mae":
        return np.sign(r)
    return np.where(np.abs(r) <= 1.0, r, 1.0)


def _fit(X, y, loss):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(200):
        g = _grad(loss, X @ w + b - y)
        w = w - 0.1 * X.T @ g / n
        b = b - 0.1 * g.mean()
    return w, b


def cv_select_loss(X, y, k=5):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    scores = {}
    for loss in ("mse", "mae", "huber"):
        fold_scores = []
        for train, val in kfold_indices(len(y), k):
            w, b = _fit(X[train], y[train], loss)
            fold_scores.append(np.mean(np.abs(X[val] @ w + b - y[val])))
        scores[loss] = float(np.mean(fold_scores))
    return scores, min(scores, key=scores.get)
