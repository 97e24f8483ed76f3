# lossdrill: ex13
# heldout: mean-over-all-elements — np.mean over the whole (N, K) array of terms divides by N·K instead of summing each row and averaging over N
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    rows = np.arange(s.shape[0])
    margins = np.maximum(0, s - s[rows, y][:, np.newaxis] + margin)
    margins[rows, y] = 0
    return float(np.mean(margins))
