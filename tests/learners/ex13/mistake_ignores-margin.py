# lossdrill: ex13
# Mistake: the margin is hard-coded to 1; the margin argument is never used.
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=float)
    n = s.shape[0]
    correct = s[np.arange(n), labels][:, None]
    terms = np.maximum(0, s - correct + 1)
    terms[np.arange(n), labels] = 0
    return float(terms.sum(axis=1).mean())
