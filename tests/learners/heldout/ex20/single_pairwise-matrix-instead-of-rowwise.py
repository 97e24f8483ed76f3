# lossdrill: ex20
# heldout: pairwise-matrix-instead-of-rowwise — computes the (N, N) cosine matrix of every row of a with every row of b, instead of row i with row i
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.linalg.norm(a - b, axis=1)


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    den = na * nb.T
    sims = a @ b.T
    return np.divide(sims, den, out=np.zeros_like(sims), where=den > 0)


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
