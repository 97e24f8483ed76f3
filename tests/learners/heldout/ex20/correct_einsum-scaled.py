# lossdrill: ex20
# heldout: correct — row-wise dot products with einsum, each row scaled to unit length first (zero rows stay zero), distances by np.hypot.reduce
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.hypot.reduce(a - b, axis=1)


def _unit_rows(m):
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def cosine_similarity(a, b):
    a = _unit_rows(np.asarray(a, dtype=np.float64))
    b = _unit_rows(np.asarray(b, dtype=np.float64))
    return np.einsum("ij,ij->i", a, b)


def cosine_loss(a, b):
    return float(np.mean(1.0 - cosine_similarity(a, b)))
