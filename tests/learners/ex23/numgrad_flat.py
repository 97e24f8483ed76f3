# lossdrill: ex23
"""Central differences over the flattened array, with unit vectors reshaped to x's shape."""
import numpy as np


def numerical_grad(f, x, h=1e-6):
    point = np.array(x, dtype=float)  # np.array copies: x itself is never touched
    shape = point.shape
    out = np.empty(point.size)
    for i in range(point.size):
        e = np.zeros(point.size)
        e[i] = 1.0
        e = e.reshape(shape)
        out[i] = (f(point + h * e) - f(point - h * e)) / (2.0 * h)
    return out.reshape(shape)
