# lossdrill: ex8
# heldout: correct — log_softmax from np.logaddexp.reduce along the last axis, softmax as its exponential
import numpy as np


def log_softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    lse = np.logaddexp.reduce(z, axis=-1, keepdims=True)
    return z - lse


def softmax(logits):
    return np.exp(log_softmax(logits))
