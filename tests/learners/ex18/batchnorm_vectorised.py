# lossdrill: ex18
"""Batch normalisation with np.mean / np.var over the batch axis."""
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    mu = np.mean(x, axis=0, keepdims=True)
    var = np.var(x, axis=0, keepdims=True)
    x_hat = (x - mu) / np.sqrt(var + eps)
    return np.asarray(gamma, dtype=np.float64) * x_hat + np.asarray(beta, dtype=np.float64)
