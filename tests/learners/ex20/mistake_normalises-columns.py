# lossdrill: ex20
# Mistake: unit-normalises each column (axis=0) instead of each row.
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.sqrt(((a - b) ** 2).sum(axis=1))


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a_unit = a / np.linalg.norm(a, axis=0, keepdims=True)
    b_unit = b / np.linalg.norm(b, axis=0, keepdims=True)
    return (a_unit * b_unit).sum(axis=1)


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
