# lossdrill: ex18
# heldout: forgets-centering — divides x itself by the standard deviation, x/√(σ² + ε), without subtracting the mean first
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    var = np.var(x, axis=0)
    x_hat = x / np.sqrt(var + eps)
    return gamma * x_hat + beta
