# lossdrill: ex25
"""Folds from a list comprehension; the bias as an extra column of ones."""
import numpy as np

GRADIENTS = {
    "mse": lambda r: 2.0 * r,
    "mae": np.sign,
    "huber": lambda r: np.clip(r, -1.0, 1.0),
}


def kfold_indices(n, k):
    bounds = [(f * n) // k for f in range(k + 1)]
    everything = np.arange(n)
    return [
        (np.r_[everything[:lo], everything[hi:]], everything[lo:hi])
        for lo, hi in zip(bounds[:-1], bounds[1:])
    ]


def _fit(X1, y, gradient):
    theta = np.zeros(X1.shape[1])
    for _ in range(200):
        g = gradient(X1 @ theta - y)
        theta = theta - 0.1 * (X1.T @ g) / len(y)
    return theta


def cv_select_loss(X, y, k=5):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    X1 = np.hstack([X, np.ones((len(y), 1))])  # last column: the bias
    scores = {}
    for name, gradient in GRADIENTS.items():
        maes = []
        for train, val in kfold_indices(len(y), k):
            theta = _fit(X1[train], y[train], gradient)
            maes.append(np.abs(X1[val] @ theta - y[val]).mean())
        scores[name] = float(np.mean(maes))
    best = min(scores, key=scores.get)
    return scores, best
