# lossdrill: ex23
# heldout: perturbation-not-restored — perturbs one working copy, +h then −2h, and never restores the element, so each later entry is taken at a shifted point
import numpy as np


def numerical_grad(f, x, h=1e-6):
    xp = np.array(x, dtype=np.float64)
    grad = np.zeros(xp.shape)
    for idx in np.ndindex(xp.shape):
        xp[idx] += h
        f_plus = f(xp)
        xp[idx] -= 2 * h
        f_minus = f(xp)
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
