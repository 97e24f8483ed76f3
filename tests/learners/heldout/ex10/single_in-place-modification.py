# lossdrill: ex10
# heldout: in-place-modification — shifts the logits with z -= max on the array np.asarray returned, which is the caller's own
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return p / len(y)
