# lossdrill: ex13
# heldout: margin-or-default — writes margin = margin or 1.0, so a margin of 0 (falsy) is replaced by the default
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    margin = margin or 1.0
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    n = s.shape[0]
    correct = s[np.arange(n), y][:, None]
    terms = np.maximum(0.0, s - correct + margin)
    terms[np.arange(n), y] = 0.0
    return float(terms.sum() / n)
