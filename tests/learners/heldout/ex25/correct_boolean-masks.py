# lossdrill: ex25
# heldout: correct — folds from a boolean mask per block, the gradient step with einsum, and the three losses' gradients in a table
import numpy as np

GRADIENTS = {
    "mse": lambda r: 2.0 * r,
    "mae": np.sign,
    "huber": lambda r: np.minimum(np.maximum(r, -1.0), 1.0),
}


def kfold_indices(n, k):
    positions = np.arange(n)
    out = []
    for f in range(k):
        in_val = (positions >= f * n // k) & (positions < (f + 1) * n // k)
        out.append((np.flatnonzero(~in_val), np.flatnonzero(in_val)))
    return out


def _train(X, y, gradient):
    n_t = X.shape[0]
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(200):
        g = gradient(np.einsum("ij,j->i", X, w) + b - y)
        w = w - 0.1 * np.einsum("ij,i->j", X, g) / n_t
        b = b - 0.1 * np.mean(g)
    return w, b


def cv_select_loss(X, y, k=5):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    folds = kfold_indices(len(y), k)
    scores = {}
    for name, gradient in GRADIENTS.items():
        maes = []
        for train, val in folds:
            w, b = _train(X[train], y[train], gradient)
            maes.append(np.abs(X[val] @ w + b - y[val]).mean())
        scores[name] = float(np.mean(maes))
    best = min(scores, key=lambda name: scores[name])
    return scores, best
