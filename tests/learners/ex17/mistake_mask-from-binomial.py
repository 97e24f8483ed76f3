# lossdrill: ex17
# Mistake: the mask drawn with rng.binomial (right distribution, other numbers).
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    mask = rng.binomial(n=1, p=1 - p, size=x.shape)
    return x * mask / (1 - p)
