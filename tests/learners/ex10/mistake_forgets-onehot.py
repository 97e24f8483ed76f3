# lossdrill: ex10
# Mistake: returns softmax / N and never subtracts the one-hot labels.
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return p / z.shape[0]
