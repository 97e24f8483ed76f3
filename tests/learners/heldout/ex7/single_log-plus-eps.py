# lossdrill: ex7
# heldout: log-plus-eps — takes log(p + eps) instead of clipping p to [eps, 1]
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    return float(-np.sum(y * np.log(p + eps)) / y.shape[0])


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    return -y / (y.shape[0] * p)
