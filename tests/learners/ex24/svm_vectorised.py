# lossdrill: ex24
"""Full-batch subgradient descent with a mask of the samples inside the margin."""
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if not np.isin(y, [-1.0, 1.0]).all():
        raise ValueError("labels must be -1 or +1")
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        inside = (y * (X @ w + b) < 1).astype(np.float64)
        coef = inside * y  # y_i for the active samples, 0 for the others
        gw = lam * w - X.T @ coef / n
        gb = -coef.sum() / n
        w, b = w - lr * gw, b - lr * gb
    return w, float(b)
