# lossdrill: ex23
# heldout: modifies-x-in-place — the from-scratch textbook helper: h = 1e-4 fixed, and x[idx] set to tmp ± h and restored, which fails on a read-only x
import numpy as np


def numerical_grad(f, x, h=1e-6):
    h = 1e-4
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad
