# lossdrill: ex10
# Mistake: the gradient of the summed loss: softmax - onehot, never divided by N.
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(z)), labels] -= 1.0
    return p
