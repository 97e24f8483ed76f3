# lossdrill: ex24
# heldout: stochastic-updates — updates w and b after every sample (stochastic subgradient descent) instead of once per epoch from all N samples
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
        for i in range(n):
            if y[i] * (X[i] @ w + b) < 1:
                w = w - lr * (lam * w - y[i] * X[i] / n)
                b = b + lr * y[i] / n
            else:
                w = w - lr * lam * w
    return w, float(b)
