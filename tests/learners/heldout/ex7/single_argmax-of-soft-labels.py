# lossdrill: ex7
# heldout: argmax-of-soft-labels — turns the targets into class indices with argmax, which throws away label-smoothed (soft) targets
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.clip(np.asarray(probs, dtype=np.float64), eps, 1.0)
    n = y.shape[0]
    labels = np.argmax(y, axis=1)
    return float(-np.mean(np.log(p[np.arange(n), labels])))


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    n = y.shape[0]
    labels = np.argmax(y, axis=1)
    grad = np.zeros_like(p)
    grad[np.arange(n), labels] = -1.0 / (n * p[np.arange(n), labels])
    return grad
