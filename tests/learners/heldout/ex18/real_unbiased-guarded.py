# lossdrill: ex18
# heldout: unbiased-variance — divides by N − 1 "when N > 1" (ddof = 1 if N > 1 else 0), the unbiased variance guarded against one sample
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    N, D = x.shape
    ddof = 1 if N > 1 else 0
    mu = 1.0 / N * np.sum(x, axis=0)
    xmu = x - mu
    var = 1.0 / (N - ddof) * np.sum(xmu ** 2, axis=0)
    xhat = xmu / np.sqrt(var + eps)
    return gamma * xhat + beta
