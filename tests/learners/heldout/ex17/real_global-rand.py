# lossdrill: ex17
# heldout: ignores-rng — the layer-class pattern mask = (np.random.rand(*x.shape) > p) / (1 − p), drawing from the global generator
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    mask = (np.random.rand(*x.shape) > p) / (1 - p)
    return x * mask
