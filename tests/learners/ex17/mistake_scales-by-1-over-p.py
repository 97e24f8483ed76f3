# lossdrill: ex17
# Mistake: scales the kept entries by 1/p instead of 1/(1 − p).
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    mask = rng.random(x.shape) >= p
    return x * mask / p
