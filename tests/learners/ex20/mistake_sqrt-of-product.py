# lossdrill: ex20
# Mistake: one square root of the product of the squared norms (overflows).
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.sqrt(((a - b) ** 2).sum(axis=1))


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    dot = (a * b).sum(axis=1)
    den = np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1))
    cos = np.zeros_like(dot)
    ok = den > 0
    cos[ok] = dot[ok] / den[ok]
    return cos


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
