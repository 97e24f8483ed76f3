# lossdrill: ex18
# heldout: correct — folds γ and the inverse standard deviation into one per-feature scale, then adds β
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    gamma = np.asarray(gamma, dtype=np.float64)
    beta = np.asarray(beta, dtype=np.float64)
    centred = x - x.mean(axis=0, keepdims=True)
    var = np.mean(centred * centred, axis=0)
    scale = gamma / np.sqrt(var + eps)
    return centred * scale + beta
