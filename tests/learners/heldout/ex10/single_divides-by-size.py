# lossdrill: ex10
# heldout: divides-by-size — divides by z.size = N·K, as if the loss averaged over every entry, instead of by the N rows
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.zeros_like(p)
    onehot[np.arange(len(y)), y] = 1.0
    return (p - onehot) / z.size
