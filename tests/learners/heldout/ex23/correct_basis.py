# lossdrill: ex23
# heldout: correct — builds each basis array eᵢ with np.eye over the flattened size, reshaped to x's shape
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    basis = np.eye(x.size).reshape((x.size,) + x.shape)
    values = [(f(x + h * e) - f(x - h * e)) / (2.0 * h) for e in basis]
    return np.array(values, dtype=np.float64).reshape(x.shape)
