# lossdrill: ex8
# Mistake: the formula as written, without subtracting the maximum: exp(1000) overflows.
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z)
    return exps / np.sum(exps, axis=-1, keepdims=True)


def log_softmax(logits):
    z = np.asarray(logits, dtype=float)
    return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))
