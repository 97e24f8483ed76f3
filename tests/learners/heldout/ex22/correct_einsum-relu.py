# lossdrill: ex22
# heldout: correct — row norms from einsum, and the clamp written as the ReLU (x + |x|)/2
import numpy as np


def _row_norms(d):
    return np.sqrt(np.einsum("ij,ij->i", d, d))


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=np.float64)
    p = np.asarray(positive, dtype=np.float64)
    n = np.asarray(negative, dtype=np.float64)
    x = _row_norms(a - p) - _row_norms(a - n) + margin
    return float(np.mean((x + np.abs(x)) / 2.0))
