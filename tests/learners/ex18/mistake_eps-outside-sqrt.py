# lossdrill: ex18
# Mistake: ε added to the standard deviation instead of the variance.
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    return np.asarray(gamma) * (x - mean) / (std + eps) + np.asarray(beta)
