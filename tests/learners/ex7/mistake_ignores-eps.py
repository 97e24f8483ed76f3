# lossdrill: ex7
# Mistake: clips with a hard-coded 1e-15 instead of the eps argument.
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=float)
    p = np.maximum(np.asarray(probs, dtype=float), 1e-15)
    return float(np.mean(-np.sum(y * np.log(p), axis=1)))


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=float)
    p = np.asarray(probs, dtype=float)
    return -y / (y.shape[0] * p)
