# lossdrill: ex8
# heldout: global-max-subtraction — subtracts the maximum of the whole array instead of each row's, so a row far below it underflows to 0/0
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    shifted = z - np.max(z)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
