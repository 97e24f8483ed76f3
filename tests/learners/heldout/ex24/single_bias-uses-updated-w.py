# lossdrill: ex24
# heldout: bias-uses-updated-w — updates w first and recomputes the scores with the new w before updating b, instead of both from the same scores
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        active = y * (X @ w + b) < 1
        w = w - lr * (lam * w - X[active].T @ y[active] / n)
        active = y * (X @ w + b) < 1
        b = b + lr * np.sum(y[active]) / n
    return w, float(b)
