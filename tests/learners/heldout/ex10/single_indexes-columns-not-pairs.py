# lossdrill: ex10
# heldout: indexes-columns-not-pairs — subtracts the one-hot with p[:, labels] -= 1, which hits every row at every label's column
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    n = z.shape[0]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[:, y] -= 1.0
    return p / n
