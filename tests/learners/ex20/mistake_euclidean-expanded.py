# lossdrill: ex20
# Mistake: expands |a - b|^2 into |a|^2 + |b|^2 - 2 a.b (cancellation).
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    sq = np.sum(a**2, axis=1) + np.sum(b**2, axis=1) - 2 * np.sum(a * b, axis=1)
    return np.sqrt(sq)


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    dot = (a * b).sum(axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.divide(dot, den, out=np.zeros_like(dot), where=den != 0)


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
