# lossdrill: ex18
# Mistake: returns x̂; gamma and beta are never used.
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    return (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
