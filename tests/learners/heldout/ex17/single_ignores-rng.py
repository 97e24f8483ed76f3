# lossdrill: ex17
# heldout: ignores-rng — draws the mask from NumPy's global generator (np.random.random) instead of the rng argument
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    keep = np.random.random(x.shape) >= p
    return x * keep / (1 - p)
