# lossdrill: ex24
# heldout: assertion-instead-of-valueerror — checks the labels with assert, raising AssertionError where ValueError is asked
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    assert set(np.unique(y)) <= {-1.0, 1.0}, "labels must be -1 or +1"
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        active = y * (X @ w + b) < 1
        g_w = lam * w - X[active].T @ y[active] / n
        g_b = -np.sum(y[active]) / n
        w, b = w - lr * g_w, b - lr * g_b
    return w, float(b)
