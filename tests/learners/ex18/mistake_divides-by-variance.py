# lossdrill: ex18
# Mistake: divides by the variance, no square root.
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    return np.asarray(gamma) * (x - mean) / (var + eps) + np.asarray(beta)
