# lossdrill: ex9
# Mistake: a (stable) softmax first, then -log of the true class's probability, which
# underflows to log(0) when the true class is far below the best logit.
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=float)
    p = softmax(z)
    picked = p[np.arange(len(z)), np.asarray(labels)]
    return float(-np.mean(np.log(picked)))
