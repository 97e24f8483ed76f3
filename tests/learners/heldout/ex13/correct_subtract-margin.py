# lossdrill: ex13
# heldout: correct — sums the clamped terms over all K classes, then subtracts the true class's own term, which is exactly max(0, margin) = margin
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    n = s.shape[0]
    true_scores = np.take_along_axis(s, y[:, None], axis=1)
    all_terms = np.maximum(0.0, s - true_scores + margin).sum(axis=1)
    return float(np.mean(all_terms - margin))
