# lossdrill: ex7
# Mistake: sums the per-sample costs instead of averaging them.
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=float)
    p = np.clip(np.asarray(probs, dtype=float), eps, 1.0)
    return float(-np.sum(y * np.log(p)))


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=float)
    p = np.asarray(probs, dtype=float)
    return -y / (y.shape[0] * p)
