# lossdrill: ex24
"""The same training loop written sample by sample, in plain Python."""
import numpy as np


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    rows = [[float(v) for v in row] for row in np.asarray(X).tolist()]
    labels = [float(v) for v in np.asarray(y).tolist()]
    for label in labels:
        if label not in (1.0, -1.0):
            raise ValueError(f"bad label {label}: use -1 or +1")
    n, d = len(rows), len(rows[0])
    w = [0.0] * d
    b = 0.0
    for _ in range(epochs):
        hinge_w = [0.0] * d
        hinge_b = 0.0
        for row, label in zip(rows, labels):
            score = sum(wj * xj for wj, xj in zip(w, row)) + b
            if label * score < 1.0:
                for j in range(d):
                    hinge_w[j] += label * row[j]
                hinge_b += label
        grad_w = [lam * w[j] - hinge_w[j] / n for j in range(d)]
        grad_b = -hinge_b / n
        w = [w[j] - lr * grad_w[j] for j in range(d)]
        b = b - lr * grad_b
    return np.array(w), b
