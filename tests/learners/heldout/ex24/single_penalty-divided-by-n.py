# lossdrill: ex24
# heldout: penalty-divided-by-n — divides the whole gradient by N, the penalty's λ·w included
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if not np.all(np.isin(y, [-1, 1])):
        raise ValueError("labels must be -1 or +1")
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        active = y * (X @ w + b) < 1
        g_w = (lam * w - X[active].T @ y[active]) / n
        g_b = -y[active].sum() / n
        w -= lr * g_w
        b -= lr * g_b
    return w, float(b)
