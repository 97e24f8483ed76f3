# lossdrill: ex22
# Mistake: sums over the triplets.
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=float)
    d_pos = np.linalg.norm(a - np.asarray(positive, dtype=float), axis=1)
    d_neg = np.linalg.norm(a - np.asarray(negative, dtype=float), axis=1)
    return float(np.sum(np.maximum(0.0, d_pos - d_neg + margin)))
