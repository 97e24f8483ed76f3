# lossdrill: ex17
# Mistake: p is never checked, so p = 1 divides by zero.
import numpy as np


def dropout(x, p, rng):
    x = np.asarray(x, dtype=float)
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p)
