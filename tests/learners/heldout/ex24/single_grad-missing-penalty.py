# lossdrill: ex24
# heldout: grad-missing-penalty — the weight gradient keeps only the hinge part: the regulariser's λ·w is left out
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
        g_w = -(y[active] @ X[active]) / n
        g_b = -np.sum(y[active]) / n
        w = w - lr * g_w
        b = b - lr * g_b
    return w, float(b)
