# lossdrill: ex7
# heldout: grad-drops-label-weights — the gradient is −1/(N·P) wherever y > 0, dropping the label weight y (wrong for soft targets)
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.clip(np.asarray(probs, dtype=np.float64), eps, 1.0)
    return float(-np.sum(y * np.log(p)) / y.shape[0])


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    n = y.shape[0]
    grad = np.zeros_like(p)
    hot = y > 0
    grad[hot] = -1.0 / (n * p[hot])
    return grad
