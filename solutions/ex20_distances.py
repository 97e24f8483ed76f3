"""Reference solution for ex20 (Euclidean distance, cosine similarity and the cosine loss,
row by row) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _rows(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return a, b


def euclidean_distance(a, b):
    """‖aᵢ − bᵢ‖ for every row i: an (N, D) pair of arrays gives N distances."""
    a, b = _rows(a, b)
    # Subtract first, then square: the expansion ‖a‖² + ‖b‖² − 2a·b subtracts large, nearly
    # equal numbers and loses every digit when the rows are close to each other.
    return np.sqrt(np.sum((a - b) ** 2, axis=1))


def cosine_similarity(a, b):
    """cos θᵢ = aᵢ·bᵢ / (‖aᵢ‖·‖bᵢ‖) for every row i, and 0 where a row is all zeros."""
    a, b = _rows(a, b)
    dot = np.sum(a * b, axis=1)
    # The product of the two norms, not the root of the product of the squared norms:
    # ‖a‖²·‖b‖² overflows (or underflows) long before ‖a‖·‖b‖ does.
    denominator = np.sqrt(np.sum(a**2, axis=1)) * np.sqrt(np.sum(b**2, axis=1))
    # A zero vector has no direction: its cosine with anything is defined here as 0 instead
    # of the 0/0 = NaN a plain division gives.
    return np.divide(dot, denominator, out=np.zeros_like(dot), where=denominator > 0)


def cosine_loss(a, b):
    """mean(1 − cos θᵢ): 0 when every pair points the same way, 2 when every pair is opposite."""
    return float(np.mean(1.0 - cosine_similarity(a, b)))


# --- Mistakes: each is the reference with one change -------------------------------------


def _cosine_no_zero_guard(a, b):
    a, b = _rows(a, b)
    dot = np.sum(a * b, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return dot / (np.sqrt(np.sum(a**2, axis=1)) * np.sqrt(np.sum(b**2, axis=1)))


def _cosine_sqrt_of_product(a, b):
    a, b = _rows(a, b)
    dot = np.sum(a * b, axis=1)
    with np.errstate(over="ignore", under="ignore"):
        denominator = np.sqrt(np.sum(a**2, axis=1) * np.sum(b**2, axis=1))
    return np.divide(dot, denominator, out=np.zeros_like(dot), where=denominator > 0)


def _cosine_wrong_axis(a, b):
    a, b = _rows(a, b)
    # Each *column* scaled to unit length instead of each row.
    na = np.sqrt(np.sum(a**2, axis=0, keepdims=True))
    nb = np.sqrt(np.sum(b**2, axis=0, keepdims=True))
    a_unit = np.divide(a, na, out=np.zeros_like(a), where=na > 0)
    b_unit = np.divide(b, nb, out=np.zeros_like(b), where=nb > 0)
    return np.sum(a_unit * b_unit, axis=1)


def _loss_from(cosine):
    def loss(a, b):
        return float(np.mean(1.0 - cosine(a, b)))
    return loss


def _euclidean_squared(a, b):
    a, b = _rows(a, b)
    return np.sum((a - b) ** 2, axis=1)


def _euclidean_expanded(a, b):
    a, b = _rows(a, b)
    squared = np.sum(a**2, axis=1) + np.sum(b**2, axis=1) - 2.0 * np.sum(a * b, axis=1)
    with np.errstate(invalid="ignore"):
        return np.sqrt(squared)


def _euclidean_wrong_axis(a, b):
    a, b = _rows(a, b)
    return np.sqrt(np.sum((a - b) ** 2, axis=0))


def _loss_mean_of_cos(a, b):
    return float(np.mean(cosine_similarity(a, b)))


MISTAKES = {
    "no-zero-guard": {"cosine_similarity": _cosine_no_zero_guard,
                      "cosine_loss": _loss_from(_cosine_no_zero_guard)},
    "sqrt-of-product": {"cosine_similarity": _cosine_sqrt_of_product,
                        "cosine_loss": _loss_from(_cosine_sqrt_of_product)},
    "normalises-columns": {"cosine_similarity": _cosine_wrong_axis,
                           "cosine_loss": _loss_from(_cosine_wrong_axis)},
    "loss-mean-of-cos": {"cosine_loss": _loss_mean_of_cos},
    "euclidean-expanded": {"euclidean_distance": _euclidean_expanded},
    "euclidean-squared": {"euclidean_distance": _euclidean_squared},
    "euclidean-wrong-axis": {"euclidean_distance": _euclidean_wrong_axis},
}
