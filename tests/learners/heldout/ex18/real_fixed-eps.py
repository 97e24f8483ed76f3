# lossdrill: ex18
# heldout: ignores-eps — a layer written with np.sqrt(var + 1e-8) in its forward pass: the eps argument (default 1e-5) is never used
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    mu = np.mean(x, axis=0)
    xc = x - mu
    var = np.var(x, axis=0)
    x_norm = xc / np.sqrt(var + 1e-8)
    return gamma * x_norm + beta
