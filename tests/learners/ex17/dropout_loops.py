# lossdrill: ex17
"""Inverted dropout one element at a time: one rng.random() per element, row by row (the
same numbers as a single rng.random(x.shape))."""
import numpy as np


def dropout(x, p, rng):
    if not (0.0 <= p < 1.0):
        raise ValueError(f"invalid dropout rate {p}")
    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape)
    scale = 1.0 / (1.0 - p)
    for idx in np.ndindex(x.shape):  # C order: the last index moves fastest
        out[idx] = x[idx] * scale if rng.random() >= p else 0.0
    return out
