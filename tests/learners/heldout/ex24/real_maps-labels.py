# lossdrill: ex24
# heldout: accepts-zero-one-labels — starts with y_ = np.where(y <= 0, -1, 1) like the from-scratch SVM classes, so {0, 1} labels are trained on instead of rejected
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    X = np.asarray(X, dtype=np.float64)
    y_ = np.where(np.asarray(y) <= 0, -1.0, 1.0)
    n_samples, n_features = X.shape
    w = np.zeros(n_features)
    b = 0.0
    for _ in range(epochs):
        active = y_ * (X @ w + b) < 1
        dw = lam * w - X[active].T @ y_[active] / n_samples
        db = -np.sum(y_[active]) / n_samples
        w = w - lr * dw
        b = b - lr * db
    return w, float(b)
