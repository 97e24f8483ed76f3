# lossdrill: ex17
# heldout: p-check-allows-one — the check is 0 ≤ p ≤ 1, so p = 1 is accepted and divides by zero
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p <= 1:
        raise ValueError("p must be a probability")
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(x.shape) >= p
    with np.errstate(divide="ignore", invalid="ignore"):
        return x * keep / (1 - p)
