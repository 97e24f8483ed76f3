"""Reference solution for ex21 (the contrastive loss of siamese networks) and the mistakes
lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _inputs(distance, same):
    d = np.asarray(distance, dtype=np.float64)
    s = np.asarray(same, dtype=np.float64)  # bool and integer flags become 1.0 / 0.0
    return d, s


def contrastive_loss(distance, same, margin=1.0):
    """mean(same·½d² + (1 − same)·½·max(0, margin − d)²) over the pairs."""
    d, s = _inputs(distance, same)
    # Similar pairs (same = 1) are pulled together: their cost grows with d².
    pull = s * 0.5 * d**2
    # Dissimilar pairs (same = 0) are pushed apart, but only until they are `margin` apart:
    # beyond it they cost nothing, so the model does not waste effort on easy negatives.
    push = (1.0 - s) * 0.5 * np.maximum(0.0, margin - d) ** 2
    return float(np.mean(pull + push))


# --- Mistakes: each is the reference with one change -------------------------------------


def _swapped_roles(distance, same, margin=1.0):
    d, s = _inputs(distance, same)
    return float(np.mean((1.0 - s) * 0.5 * d**2 + s * 0.5 * np.maximum(0.0, margin - d) ** 2))


def _no_half(distance, same, margin=1.0):
    d, s = _inputs(distance, same)
    return float(np.mean(s * d**2 + (1.0 - s) * np.maximum(0.0, margin - d) ** 2))


def _no_clamp(distance, same, margin=1.0):
    d, s = _inputs(distance, same)
    return float(np.mean(s * 0.5 * d**2 + (1.0 - s) * 0.5 * (margin - d) ** 2))


def _not_squared(distance, same, margin=1.0):
    d, s = _inputs(distance, same)
    return float(np.mean(s * 0.5 * d + (1.0 - s) * 0.5 * np.maximum(0.0, margin - d)))


def _sum_instead_of_mean(distance, same, margin=1.0):
    d, s = _inputs(distance, same)
    return float(np.sum(s * 0.5 * d**2 + (1.0 - s) * 0.5 * np.maximum(0.0, margin - d) ** 2))


MISTAKES = {
    "swapped-roles": {"contrastive_loss": _swapped_roles},
    "no-clamp": {"contrastive_loss": _no_clamp},
    "not-squared": {"contrastive_loss": _not_squared},
    "no-half": {"contrastive_loss": _no_half},
    "sum-instead-of-mean": {"contrastive_loss": _sum_instead_of_mean},
}
