# lossdrill: ex23
# heldout: operator-precedence-2h — writes (f₊ − f₋) / 2 * h, which divides by 2 and multiplies by h, instead of dividing by 2h
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[idx] = h
        grad[idx] = (f(x + step) - f(x - step)) / 2 * h
    return grad
