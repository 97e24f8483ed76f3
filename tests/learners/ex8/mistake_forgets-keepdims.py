# lossdrill: ex8
# Mistake: the row max and row sum lose their last axis (no keepdims=True).
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z - z.max(axis=-1))
    return exps / exps.sum(axis=-1)


def log_softmax(logits):
    z = np.asarray(logits, dtype=float)
    shifted = z - z.max(axis=-1)
    return shifted - np.log(np.exp(shifted).sum(axis=-1))
