# lossdrill: ex17
"""Inverted dropout with np.where on the mask."""
import numpy as np


def dropout(x, p, rng):
    if p < 0 or p >= 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(size=x.shape) >= p
    return np.where(keep, x / (1 - p), 0.0)
