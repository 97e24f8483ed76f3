# lossdrill: ex13
# heldout: margin-outside-max — adds the margin after the clamp, max(0, s_j − s_y) + Δ, so every wrong class costs at least Δ
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    n = s.shape[0]
    correct = s[np.arange(n), y].reshape(-1, 1)
    terms = np.maximum(0.0, s - correct) + margin
    terms[np.arange(n), y] = 0.0
    return float(np.sum(terms) / n)
