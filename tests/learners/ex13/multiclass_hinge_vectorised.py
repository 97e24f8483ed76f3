# lossdrill: ex13
"""Weston-Watkins multiclass hinge, vectorised: sum every term, then remove the j = y
terms, each of which is exactly max(0, margin) = margin."""
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    n = s.shape[0]
    correct = s[np.arange(n), y].reshape(n, 1)
    terms = np.maximum(0.0, s - correct + margin)
    per_row = terms.sum(axis=1) - max(margin, 0.0)
    return float(per_row.mean())
