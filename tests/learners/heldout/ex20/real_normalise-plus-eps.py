# lossdrill: ex20
# heldout: eps-in-denominator — the one-liner that normalises each row by ‖row‖ + 1e-8 and sums the products: tiny rows come out nearly orthogonal
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.linalg.norm(a - b, axis=-1)


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return ((a / (np.linalg.norm(a, axis=-1).reshape(-1, 1) + 1e-8)) *
            (b / (np.linalg.norm(b, axis=-1).reshape(-1, 1) + 1e-8))).sum(-1)


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
