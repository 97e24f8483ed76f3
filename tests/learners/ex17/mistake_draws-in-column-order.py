# lossdrill: ex17
# Mistake: one draw per element, but the loops visit the array column by column.
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    out = np.zeros(x.shape)
    for idx in np.ndindex(x.shape[::-1]):
        idx = idx[::-1]  # the first index moves fastest: Fortran order
        if rng.random() >= p:
            out[idx] = x[idx] / (1 - p)
    return out
