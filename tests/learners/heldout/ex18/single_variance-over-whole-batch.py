# lossdrill: ex18
# heldout: variance-over-whole-batch — takes the mean per feature but np.var(x) without an axis, one variance pooled over every feature
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    mu = np.mean(x, axis=0)
    var = np.var(x)
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta
