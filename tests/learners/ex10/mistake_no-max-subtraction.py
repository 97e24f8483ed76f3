# lossdrill: ex10
# Mistake: softmax as np.exp(z) / np.exp(z).sum(...) without subtracting the maximum.
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    p[np.arange(n), labels] -= 1.0
    return p / n
