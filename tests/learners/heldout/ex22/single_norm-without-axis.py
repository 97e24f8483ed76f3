# lossdrill: ex22
# heldout: norm-without-axis — np.linalg.norm(a − p) without axis=1 is one norm over the whole batch, not one distance per triplet
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=np.float64)
    p = np.asarray(positive, dtype=np.float64)
    n = np.asarray(negative, dtype=np.float64)
    d_pos = np.linalg.norm(a - p)
    d_neg = np.linalg.norm(a - n)
    return float(np.mean(np.maximum(0.0, d_pos - d_neg + margin)))
