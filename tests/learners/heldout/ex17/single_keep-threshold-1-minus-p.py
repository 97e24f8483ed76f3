# lossdrill: ex17
# heldout: keep-threshold-1-minus-p — keeps where the draw is < 1 − p: the right keep rate, but not the mask the contract's draws give
import numpy as np


def dropout(x, p, rng):
    if p < 0 or p >= 1:
        raise ValueError("p must satisfy 0 <= p < 1")
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(x.shape) < 1 - p
    return np.where(keep, x / (1 - p), 0.0)
