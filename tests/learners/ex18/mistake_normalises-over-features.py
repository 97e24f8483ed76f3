# lossdrill: ex18
# Mistake: statistics per sample (axis 1) instead of per feature.
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return np.asarray(gamma) * (x - mean) / np.sqrt(var + eps) + np.asarray(beta)
