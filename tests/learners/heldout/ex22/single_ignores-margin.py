# lossdrill: ex22
# heldout: ignores-margin — adds a literal 1.0 where the margin argument belongs
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=np.float64)
    p = np.asarray(positive, dtype=np.float64)
    n = np.asarray(negative, dtype=np.float64)
    d_ap = np.sqrt(np.sum((a - p) ** 2, axis=1))
    d_an = np.sqrt(np.sum((a - n) ** 2, axis=1))
    return float(np.mean(np.maximum(0.0, d_ap - d_an + 1.0)))
