# lossdrill: ex22
# Mistake: averages d_pos - d_neg + margin without max(0, .).
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=float)
    d_pos = np.linalg.norm(a - np.asarray(positive, dtype=float), axis=1)
    d_neg = np.linalg.norm(a - np.asarray(negative, dtype=float), axis=1)
    return float(np.mean(d_pos - d_neg + margin))
