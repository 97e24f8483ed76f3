# lossdrill: ex23
# heldout: grad-buffer-in-input-dtype — perturbs a float64 copy but stores the results in np.zeros_like(x), which is integer (or float32) for such x
import numpy as np


def numerical_grad(f, x, h=1e-6):
    x = np.asarray(x)
    work = x.astype(np.float64)
    grad = np.zeros_like(x)
    for i in range(work.size):
        e = np.zeros(work.size)
        e[i] = h
        e = e.reshape(work.shape)
        grad.flat[i] = (f(work + e) - f(work - e)) / (2 * h)
    return grad
