# lossdrill: ex23
# heldout: perturbs-all-elements — moves every element of x by h at once, (f(x + h) − f(x − h))/2h, a directional derivative copied into each entry
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    grad = np.empty(x.shape)
    for idx in np.ndindex(x.shape):
        grad[idx] = (f(x + h) - f(x - h)) / (2 * h)
    return grad
