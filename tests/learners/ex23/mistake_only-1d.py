# lossdrill: ex23
# Mistake: loops over range(len(x)): for a matrix, x[i] is a row.
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in range(len(x)):
        xp = x.copy()
        xm = x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad
