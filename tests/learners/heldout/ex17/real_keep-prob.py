# lossdrill: ex17
# heldout: p-as-keep-probability — the assignment convention where p is the probability of keeping: mask = (draw < p) / p
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    mask = (rng.random(x.shape) < p) / p if p > 0 else np.zeros(x.shape)
    return x * mask
