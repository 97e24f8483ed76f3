# lossdrill: ex18
# heldout: eps-outside-sqrt — normalises with np.std(x, axis=0) + eps, the widespread shortcut that puts ε outside the square root
import numpy as np


def batchnorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    x_norm = (x - mean) / (std + eps)
    return gamma * x_norm + beta
