# lossdrill: ex13
# heldout: margin-sign-flipped — computes max(0, s_j − s_y − Δ), the margin subtracted instead of added (as in a translated vectorised assignment)
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels)
    n = scores.shape[0]
    correct = scores[np.arange(n), labels][:, None]
    margins = np.maximum(0, scores - correct - margin)
    margins[np.arange(n), labels] = 0
    return float(margins.sum() / n)
