# lossdrill: ex8
# heldout: in-place-modification — np.asarray does not copy a float64 array, and z -= max then writes into the caller's logits
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    z -= np.max(z, axis=-1, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    z -= np.max(z, axis=-1, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))
