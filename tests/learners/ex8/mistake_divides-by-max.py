# lossdrill: ex8
# Mistake: divides by the exponential of the row maximum instead of the sum of exponentials.
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return exps / exps.max(axis=-1, keepdims=True)


def log_softmax(logits):
    z = np.asarray(logits, dtype=float)
    return z - np.max(z, axis=-1, keepdims=True)
