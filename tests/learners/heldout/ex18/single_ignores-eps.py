# lossdrill: ex18
# heldout: ignores-eps — uses a fixed 1e-5 inside the square root instead of the eps argument
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    mu = x.mean(axis=0)
    var = ((x - mu) ** 2).mean(axis=0)
    x_hat = (x - mu) / np.sqrt(var + 1e-5)
    return np.asarray(gamma, dtype=np.float64) * x_hat + np.asarray(beta, dtype=np.float64)
