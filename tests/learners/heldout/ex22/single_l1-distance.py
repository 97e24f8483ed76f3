# lossdrill: ex22
# heldout: l1-distance — measures the distances with the L1 (Manhattan) norm instead of the Euclidean one
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=np.float64)
    p = np.asarray(positive, dtype=np.float64)
    n = np.asarray(negative, dtype=np.float64)
    d_ap = np.abs(a - p).sum(axis=1)
    d_an = np.abs(a - n).sum(axis=1)
    return float(np.mean(np.maximum(0.0, d_ap - d_an + margin)))
