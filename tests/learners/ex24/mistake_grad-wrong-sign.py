# lossdrill: ex24
# Mistake: hinge subgradient +y*x instead of -y*x.
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for epoch in range(epochs):
        scores = X @ w + b
        active = y * scores < 1
        grad_w = lam * w + X[active].T @ y[active] / n
        grad_b = np.sum(y[active]) / n
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, float(b)
