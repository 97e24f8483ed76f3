# lossdrill: ex17
# heldout: correct — one np.where choosing x/(1 − p) or 0 from the single draw rng.random(x.shape)
import numpy as np


def dropout(x, p, rng):
    if not (0.0 <= p < 1.0):
        raise ValueError(f"p must satisfy 0 <= p < 1, got {p}")
    x = np.asarray(x, dtype=np.float64)
    draws = rng.random(x.shape)
    return np.where(draws >= p, x / (1.0 - p), 0.0)
