# lossdrill: ex20
# heldout: sum-instead-of-mean — the cosine loss sums 1 − cos over the pairs instead of averaging it
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.linalg.norm(a - b, axis=1)


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    dot = np.einsum("ij,ij->i", a, b)
    return np.divide(dot, den, out=np.zeros_like(dot), where=den > 0)


def cosine_loss(a, b):
    return float(np.sum(1 - cosine_similarity(a, b)))
