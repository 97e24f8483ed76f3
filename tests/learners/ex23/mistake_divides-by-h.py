# lossdrill: ex23
# Mistake: central differences divided by h instead of 2h.
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += h
        xm[idx] -= h
        grad[idx] = (f(xp) - f(xm)) / h
    return grad
