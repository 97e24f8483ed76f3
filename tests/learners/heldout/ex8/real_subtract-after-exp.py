# lossdrill: ex8
# heldout: subtracts-max-after-exp — writes exp(z) − max(z) instead of exp(z − max(z)): the shift lands outside the exponential
import numpy as np


def softmax(logits):
    x = np.asarray(logits, dtype=np.float64)
    exps = np.exp(x) - np.max(x, axis=-1, keepdims=True)
    return exps / np.sum(exps, axis=-1, keepdims=True)


def log_softmax(logits):
    x = np.asarray(logits, dtype=np.float64)
    m = np.max(x, axis=-1, keepdims=True)
    return x - m - np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
