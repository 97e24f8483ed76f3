# lossdrill: ex20
# heldout: norm-without-axis — np.linalg.norm(a − b) without axis=1 returns one norm of the whole matrix, not one distance per row
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.linalg.norm(a - b)


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    dot = np.sum(a * b, axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    out = np.zeros_like(dot)
    ok = den > 0
    out[ok] = dot[ok] / den[ok]
    return out


def cosine_loss(a, b):
    return float(np.mean(1.0 - cosine_similarity(a, b)))
