"""Reference solution for ex22 (the triplet loss) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _distances(anchor, positive, negative):
    a = np.asarray(anchor, dtype=np.float64)
    p = np.asarray(positive, dtype=np.float64)
    n = np.asarray(negative, dtype=np.float64)
    # Row-wise Euclidean distances: one (anchor, positive, negative) triplet per row.
    d_pos = np.sqrt(np.sum((a - p) ** 2, axis=1))
    d_neg = np.sqrt(np.sum((a - n) ** 2, axis=1))
    return d_pos, d_neg


def triplet_loss(anchor, positive, negative, margin=1.0):
    """mean(max(0, ‖a − p‖ − ‖a − n‖ + margin)) over the triplets (rows)."""
    d_pos, d_neg = _distances(anchor, positive, negative)
    # A triplet costs nothing once the negative is at least `margin` further from the anchor
    # than the positive; otherwise it costs the shortfall.
    return float(np.mean(np.maximum(0.0, d_pos - d_neg + margin)))


# --- Mistakes: each is the reference with one change -------------------------------------


def _swapped(anchor, positive, negative, margin=1.0):
    d_pos, d_neg = _distances(anchor, positive, negative)
    return float(np.mean(np.maximum(0.0, d_neg - d_pos + margin)))


def _squared(anchor, positive, negative, margin=1.0):
    d_pos, d_neg = _distances(anchor, positive, negative)
    return float(np.mean(np.maximum(0.0, d_pos**2 - d_neg**2 + margin)))


def _no_clamp(anchor, positive, negative, margin=1.0):
    d_pos, d_neg = _distances(anchor, positive, negative)
    return float(np.mean(d_pos - d_neg + margin))


def _sum(anchor, positive, negative, margin=1.0):
    d_pos, d_neg = _distances(anchor, positive, negative)
    return float(np.sum(np.maximum(0.0, d_pos - d_neg + margin)))


MISTAKES = {
    "swapped-positive-negative": {"triplet_loss": _swapped},
    "squared-distances": {"triplet_loss": _squared},
    "no-clamp": {"triplet_loss": _no_clamp},
    "sum-instead-of-mean": {"triplet_loss": _sum},
}
