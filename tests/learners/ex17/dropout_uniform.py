# lossdrill: ex17
"""Inverted dropout with rng.uniform (the same stream as rng.random) and a float mask."""
import numpy as np


def dropout(x, p, rng):
    if p >= 1 or p < 0:
        raise ValueError("the drop probability must satisfy 0 <= p < 1")
    x = np.array(x, dtype=float)
    mask = (rng.uniform(0.0, 1.0, x.shape) >= p).astype(float) / (1.0 - p)
    return x * mask
