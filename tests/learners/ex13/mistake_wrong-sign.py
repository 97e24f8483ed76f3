# lossdrill: ex13
# Mistake: s_y - s_j + margin instead of s_j - s_y + margin.
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=float)
    n = s.shape[0]
    correct = s[np.arange(n), labels][:, None]
    terms = np.maximum(0, correct - s + margin)
    terms[np.arange(n), labels] = 0
    return float(terms.sum(axis=1).mean())
