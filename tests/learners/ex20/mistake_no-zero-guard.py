# lossdrill: ex20
# Mistake: divides by the norms without guarding the zero rows (0/0 = nan).
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.sqrt(((a - b) ** 2).sum(axis=1))


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    dot = (a * b).sum(axis=1)
    return dot / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
