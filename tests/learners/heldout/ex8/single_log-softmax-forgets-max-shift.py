# lossdrill: ex8
# heldout: log-softmax-forgets-max-shift — log_softmax is z − log Σ exp(z − m): the max is subtracted inside the sum but not from z, so every entry is off by m
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    m = np.max(z, axis=-1, keepdims=True)
    return z - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
