# lossdrill: ex23
# Mistake: nudges the elements of x itself and puts them back.
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        f_plus = f(x)
        x[idx] = old - h
        f_minus = f(x)
        x[idx] = old  # restore
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
