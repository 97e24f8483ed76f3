# lossdrill: ex18
"""Batch normalisation one feature (column) at a time, two passes in plain Python."""
import math

import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    n, d = x.shape
    out = np.empty((n, d))
    for j in range(d):
        column = [float(v) for v in x[:, j]]
        mean = math.fsum(column) / n
        var = math.fsum((v - mean) ** 2 for v in column) / n
        std = math.sqrt(var + eps)
        for i in range(n):
            out[i, j] = float(gamma[j]) * (column[i] - mean) / std + float(beta[j])
    return out
