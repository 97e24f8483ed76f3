# lossdrill: ex8
# heldout: divides-by-mean — normalises by the mean of the exponentials instead of their sum, so each row sums to K
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.mean(e, axis=-1, keepdims=True)


def log_softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    m = np.max(z, axis=-1, keepdims=True)
    return (z - m) - np.log(np.mean(np.exp(z - m), axis=-1, keepdims=True))
