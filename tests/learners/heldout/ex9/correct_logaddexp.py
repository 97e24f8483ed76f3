# lossdrill: ex9
# heldout: correct — logsumexp of each row with np.logaddexp.reduce, minus the true-class logit picked with take_along_axis
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64).reshape(-1, 1)
    lse = np.logaddexp.reduce(z, axis=1)
    true_logit = np.take_along_axis(z, y, axis=1)[:, 0]
    return float(np.mean(lse - true_logit))
