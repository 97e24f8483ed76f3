# lossdrill: ex20
"""One pair of rows at a time, with the math module."""
import math

import numpy as np


def _pairs(a, b):
    for row_a, row_b in zip(np.asarray(a).tolist(), np.asarray(b).tolist()):
        yield [float(v) for v in row_a], [float(v) for v in row_b]


def euclidean_distance(a, b):
    out = []
    for ra, rb in _pairs(a, b):
        out.append(math.sqrt(sum((x - y) ** 2 for x, y in zip(ra, rb))))
    return np.array(out, dtype=np.float64)


def cosine_similarity(a, b):
    out = []
    for ra, rb in _pairs(a, b):
        dot = sum(x * y for x, y in zip(ra, rb))
        na = math.sqrt(sum(x * x for x in ra))
        nb = math.sqrt(sum(y * y for y in rb))
        out.append(0.0 if na == 0.0 or nb == 0.0 else dot / (na * nb))
    return np.array(out, dtype=np.float64)


def cosine_loss(a, b):
    sims = cosine_similarity(a, b)
    return sum(1.0 - s for s in sims) / len(sims)
