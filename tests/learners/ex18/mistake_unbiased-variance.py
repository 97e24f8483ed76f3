# lossdrill: ex18
# Mistake: the sample (unbiased) variance, ddof=1.
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0)
    var = x.var(axis=0, ddof=1)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta
