# lossdrill: ex23
# heldout: ignores-h — sets h = 1e-4 in the body, so the step passed by the caller is never used
import numpy as np


def numerical_grad(f, x, h=1e-6):
    h = 1e-4
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        plus = x.copy()
        minus = x.copy()
        plus[idx] += h
        minus[idx] -= h
        grad[idx] = (f(plus) - f(minus)) / (2 * h)
    return grad
