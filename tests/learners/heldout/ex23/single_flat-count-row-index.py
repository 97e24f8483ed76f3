# lossdrill: ex23
# heldout: only-1d — loops over x.size but indexes x[i], which for a matrix is a whole row (and runs past the last row)
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros(x.shape)
    for i in range(x.size):
        plus = x.copy()
        minus = x.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (f(plus) - f(minus)) / (2 * h)
    return grad
