# lossdrill: ex7
# heldout: log-of-weighted-sum — takes the log of Σₖ yₖ·pₖ instead of Σₖ yₖ·log pₖ (the same for one-hot rows, wrong for soft targets)
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.clip(np.asarray(probs, dtype=np.float64), eps, 1.0)
    picked = np.sum(y * p, axis=1)
    return float(-np.mean(np.log(np.maximum(picked, eps))))


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    return -y / (y.shape[0] * p)
