# lossdrill: ex17
# heldout: multiplies-by-keep-prob — scales the kept activations by (1 − p) instead of dividing by it, shrinking them further
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(x.shape) >= p
    return x * keep * (1 - p)
