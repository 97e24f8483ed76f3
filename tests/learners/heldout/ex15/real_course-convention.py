# lossdrill: ex15
# heldout: half-mse-data-term — the course convention J = (1/2m)Σr² + (λ/2m)Σw², grad = (1/m)Xᵀr + (λ/m)w: half the data term and the penalty divided by m
import numpy as np


def ridge_objective(w, X, y, lam):
    theta = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    m = y.size
    h = X.dot(theta)
    J = (1 / (2 * m)) * np.sum(np.square(h - y)) + (lam / (2 * m)) * np.sum(np.square(theta))
    grad = (1 / m) * (X.T.dot(h - y)) + (lam / m) * theta
    return float(J), grad
