# lossdrill: ex10
# Mistake: onehot - softmax instead of softmax - onehot.
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), labels] = 1.0
    return (onehot - p) / n
