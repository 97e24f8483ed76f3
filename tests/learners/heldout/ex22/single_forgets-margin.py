# lossdrill: ex22
# heldout: forgets-margin — max(0, d(a, p) − d(a, n)) without the margin: a triplet is satisfied as soon as the negative is farther
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=np.float64)
    p = np.asarray(positive, dtype=np.float64)
    n = np.asarray(negative, dtype=np.float64)
    d_ap = np.linalg.norm(a - p, axis=1)
    d_an = np.linalg.norm(a - n, axis=1)
    return float(np.mean(np.maximum(0.0, d_ap - d_an)))
