# lossdrill: ex7
# Mistake: np.mean over the whole (N, K) array, which divides by N*K.
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=float)
    p = np.clip(np.asarray(probs, dtype=float), eps, 1.0)
    return float(np.mean(-y * np.log(p)))


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=float)
    p = np.asarray(probs, dtype=float)
    return -y / (y.shape[0] * p)
