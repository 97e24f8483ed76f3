# lossdrill: ex10
# heldout: divides-by-classes — divides softmax − onehot by K, the number of classes (logits.shape[1]), instead of N
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(z.shape[0]), y] -= 1.0
    return p / z.shape[1]
