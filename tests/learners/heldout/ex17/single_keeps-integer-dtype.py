# lossdrill: ex17
# heldout: keeps-integer-dtype — writes into np.zeros_like(x), which keeps an integer (or float32) dtype, so the scaled values are truncated
import numpy as np


def dropout(x, p, rng):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x)
    keep = rng.random(x.shape) >= p
    out = np.zeros_like(x)
    out[keep] = x[keep] / (1 - p)
    return out
