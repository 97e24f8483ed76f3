# lossdrill: ex23
"""Central differences over np.ndindex, one fresh copy per perturbed point."""
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(*x.shape):
        plus = x.copy()
        minus = x.copy()
        plus[idx] += h
        minus[idx] -= h
        grad[idx] = (f(plus) - f(minus)) / (2 * h)
    return grad
