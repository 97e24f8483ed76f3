# lossdrill: ex24
# heldout: bias-sign-convention — the from-scratch SVM convention score = w·x − b (with b moved by +y): the returned b is the negative of the contract's
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    n_samples, n_features = X.shape
    w = np.zeros(n_features)
    b = 0.0
    for _ in range(epochs):
        condition = y * (np.dot(X, w) - b) >= 1
        active = ~condition
        dw = lam * w - np.dot(y[active], X[active]) / n_samples
        db = np.sum(y[active]) / n_samples
        w -= lr * dw
        b -= lr * db
    return w, float(b)
