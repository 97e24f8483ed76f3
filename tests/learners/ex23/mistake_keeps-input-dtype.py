# lossdrill: ex23
# Mistake: copies x without converting it to float.
import numpy as np


def numerical_grad(f, x, h=1e-6):
    grad = np.zeros(np.shape(x))
    for idx in np.ndindex(np.shape(x)):
        x_plus = x.copy()
        x_plus[idx] += h
        x_minus = x.copy()
        x_minus[idx] -= h
        grad[idx] = (f(x_plus) - f(x_minus)) / (2 * h)
    return grad
