# lossdrill: ex4
# heldout: correct — plain Python over the flattened values, with math.fsum for an exactly rounded sum
import math

import numpy as np


def _pairs(y_true, y_pred):
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    if t.shape != p.shape:
        raise ValueError(f"shapes differ: {t.shape} vs {p.shape}")
    return list(zip(t.ravel().tolist(), p.ravel().tolist()))


def rmse(y_true, y_pred):
    pairs = _pairs(y_true, y_pred)
    return math.sqrt(math.fsum((b - a) ** 2 for a, b in pairs) / len(pairs))


def mae(y_true, y_pred):
    pairs = _pairs(y_true, y_pred)
    return math.fsum(abs(b - a) for a, b in pairs) / len(pairs)
