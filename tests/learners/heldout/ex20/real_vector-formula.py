# lossdrill: ex20
# heldout: vector-formula-on-matrices — the single-vector helper dot(a, b)/(norm(a)·norm(b)) applied unchanged to (N, D) batches
import numpy as np
from numpy import dot
from numpy.linalg import norm


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.sqrt(np.sum((a - b) ** 2, axis=1))


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return dot(a, b) / (norm(a) * norm(b))


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
