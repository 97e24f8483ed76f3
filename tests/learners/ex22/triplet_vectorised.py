# lossdrill: ex22
"""Triplet loss with np.linalg.norm and np.clip."""
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=np.float64)
    d_ap = np.linalg.norm(a - np.asarray(positive, dtype=np.float64), axis=1)
    d_an = np.linalg.norm(a - np.asarray(negative, dtype=np.float64), axis=1)
    return float(np.clip(d_ap - d_an + margin, 0.0, None).mean())
