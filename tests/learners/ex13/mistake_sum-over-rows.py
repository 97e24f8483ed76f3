# lossdrill: ex13
# Mistake: the total over all rows, never divided by the number of samples.
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=float)
    n = s.shape[0]
    correct = s[np.arange(n), labels][:, None]
    terms = np.maximum(0, s - correct + margin)
    terms[np.arange(n), labels] = 0
    return float(terms.sum())
