# lossdrill: ex8
# heldout: wrong-axis — the widespread snippet exp(x − max(x)) / sum(axis=0): a global max and a sum down the columns
import numpy as np


def softmax(logits):
    x = np.asarray(logits, dtype=np.float64)
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)


def log_softmax(logits):
    x = np.asarray(logits, dtype=np.float64)
    shifted = x - np.max(x)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0))
