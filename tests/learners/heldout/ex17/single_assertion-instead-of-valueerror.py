# lossdrill: ex17
# heldout: assertion-instead-of-valueerror — checks p with assert, raising AssertionError where ValueError is asked
import numpy as np


def dropout(x, p, rng):
    assert 0 <= p < 1, "p must be in [0, 1)"
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(x.shape) >= p
    return x * keep / (1 - p)
