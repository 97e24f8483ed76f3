# lossdrill: ex20
# heldout: eps-in-denominator — avoids 0/0 by adding 1e-8 to ‖a‖·‖b‖, which also shrinks the cosine of small vectors towards 0
import numpy as np


def euclidean_distance(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.sqrt(np.sum((a - b) ** 2, axis=1))


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    dot = np.sum(a * b, axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return dot / (den + 1e-8)


def cosine_loss(a, b):
    return float(np.mean(1 - cosine_similarity(a, b)))
