# lossdrill: ex8
# Mistake: normalises along axis 0 (columns) instead of the last axis.
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z - z.max(axis=0))
    return exps / exps.sum(axis=0)


def log_softmax(logits):
    z = np.asarray(logits, dtype=float)
    shifted = z - z.max(axis=0)
    return shifted - np.log(np.exp(shifted).sum(axis=0))
