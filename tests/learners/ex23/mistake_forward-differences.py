# lossdrill: ex23
# Mistake: forward differences (f(x + h) - f(x)) / h.
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    fx = f(x)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xp[idx] += h
        grad[idx] = (f(xp) - fx) / h
    return grad
