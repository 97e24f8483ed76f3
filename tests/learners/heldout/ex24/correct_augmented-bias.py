# lossdrill: ex24
# heldout: correct — the bias as an extra weight on a column of ones, with the penalty masked off that entry
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if np.any((y != 1.0) & (y != -1.0)):
        raise ValueError("labels must be -1 or +1")
    n, d = X.shape
    Xb = np.hstack([X, np.ones((n, 1))])
    penalised = np.ones(d + 1)
    penalised[-1] = 0.0
    theta = np.zeros(d + 1)
    for _ in range(epochs):
        active = (y * (Xb @ theta)) < 1.0
        grad = lam * penalised * theta - Xb[active].T @ y[active] / n
        theta = theta - lr * grad
    return theta[:d].copy(), float(theta[d])
