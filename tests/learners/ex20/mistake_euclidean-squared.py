# lossdrill: ex20
# Mistake: forgets the square root.
import numpy as np


def euclidean_distance(a, b):
    diff = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    return np.sum(diff * diff, axis=1)


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    dot = (a * b).sum(axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.divide(dot, den, out=np.zeros_like(dot), where=den != 0)


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
