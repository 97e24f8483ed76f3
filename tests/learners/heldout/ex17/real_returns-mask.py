# lossdrill: ex17
# heldout: returns-mask — the forward pass returns the mask it stored rather than x multiplied by it
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    mask = (rng.random(x.shape) >= p) / (1 - p)
    return mask
