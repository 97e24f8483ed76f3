# lossdrill: ex7
# Mistake: no clipping, so a probability of 0 gives log(0).
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=float)
    p = np.asarray(probs, dtype=float)
    return float(-np.mean(np.sum(y * np.log(p), axis=1)))


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=float)
    p = np.asarray(probs, dtype=float)
    return -y / (y.shape[0] * p)
