# lossdrill: ex22
# heldout: max-reduction-instead-of-maximum — a backend max(x, 0) ported as np.max(d_p − d_n + margin, 0): a reduction over the batch, not max(·, 0) per triplet
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    anchor = np.asarray(anchor, dtype=np.float64)
    positive = np.asarray(positive, dtype=np.float64)
    negative = np.asarray(negative, dtype=np.float64)
    d_p = np.sqrt(np.sum(np.square(anchor - positive), axis=1, keepdims=True))
    d_n = np.sqrt(np.sum(np.square(anchor - negative), axis=1, keepdims=True))
    d_hinge = np.max(d_p - d_n + margin, 0)
    return float(np.mean(d_hinge))
