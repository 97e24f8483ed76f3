# lossdrill: ex17
# Mistake: keeps the entries whose draw is below p.
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    mask = rng.random(x.shape) < p
    return x * mask / (1 - p)
