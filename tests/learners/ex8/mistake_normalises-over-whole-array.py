# lossdrill: ex8
# Mistake: max and sum over the whole array, so the whole batch sums to 1.
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def log_softmax(logits):
    z = np.asarray(logits, dtype=float)
    shifted = z - z.max()
    return shifted - np.log(np.exp(shifted).sum())
