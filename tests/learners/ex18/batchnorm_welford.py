# lossdrill: ex18
"""Batch normalisation with Welford's streaming mean and variance (numerically stable)."""
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    mean = np.zeros(x.shape[1])
    m2 = np.zeros(x.shape[1])
    for k, row in enumerate(x, start=1):
        delta = row - mean
        mean += delta / k
        m2 += delta * (row - mean)
    var = m2 / x.shape[0]
    return np.asarray(gamma, float) * (x - mean) / np.sqrt(var + eps) + np.asarray(beta, float)
