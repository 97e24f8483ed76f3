# lossdrill: ex20
"""Row-wise distances with np.linalg.norm and einsum."""
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.linalg.norm(a - b, axis=1)


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    dots = np.einsum("ij,ij->i", a, b)
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    result = np.zeros(len(dots))
    nonzero = norms > 0
    result[nonzero] = dots[nonzero] / norms[nonzero]
    return result


def cosine_loss(a, b):
    return float(np.mean(1.0 - cosine_similarity(a, b)))
