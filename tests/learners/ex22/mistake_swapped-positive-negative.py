# lossdrill: ex22
# Mistake: d(a, n) - d(a, p) instead of d(a, p) - d(a, n).
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=float)
    p = np.asarray(positive, dtype=float)
    n = np.asarray(negative, dtype=float)
    d_pos = np.sqrt(np.sum((a - p) ** 2, axis=1))
    d_neg = np.sqrt(np.sum((a - n) ** 2, axis=1))
    return float(np.mean(np.maximum(0.0, d_neg - d_pos + margin)))
