# lossdrill: ex15
"""Ridge objective with loops over samples and features."""
import numpy as np


def ridge_objective(w, X, y, lam):
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    data = 0.0
    grad = np.zeros(d)
    for i in range(n):
        pred = 0.0
        for j in range(d):
            pred += X[i, j] * w[j]
        r = pred - y[i]
        data += r * r
        for j in range(d):
            grad[j] += 2.0 * r * X[i, j]
    penalty = 0.0
    for j in range(d):
        penalty += w[j] * w[j]
        grad[j] = grad[j] / n + lam * w[j]
    return data / n + 0.5 * lam * penalty, grad
