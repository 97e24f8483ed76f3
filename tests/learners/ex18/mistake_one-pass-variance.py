# lossdrill: ex18
# Mistake: the variance as E[x²] − E[x]², which cancels catastrophically for a large mean.
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = np.mean(x, axis=0)
    var = np.mean(x**2, axis=0) - mean**2
    return np.asarray(gamma) * (x - mean) / np.sqrt(var + eps) + np.asarray(beta)
