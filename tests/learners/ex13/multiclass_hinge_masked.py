# lossdrill: ex13
"""Weston-Watkins multiclass hinge with a boolean mask that drops the true class."""
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.array(scores, dtype=float)
    y = np.array(labels)
    n, k = s.shape
    is_true = np.arange(k)[None, :] == y[:, None]
    true_score = np.where(is_true, s, 0.0).sum(axis=1, keepdims=True)
    terms = np.clip(s - true_score + margin, 0.0, None)
    terms[is_true] = 0.0
    return terms.sum() / n
