"""Reference solution for ex13 (the multiclass hinge loss, Weston–Watkins form) and the
mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _inputs(scores, labels):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    if s.ndim != 2:
        raise ValueError(f"scores must be a 2-D array (N, K), got shape {s.shape}")
    if y.shape != (s.shape[0],):
        raise ValueError(f"labels must have shape ({s.shape[0]},), got {y.shape}")
    if y.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers (class indices), got dtype {y.dtype}")
    if np.any((y < 0) | (y >= s.shape[1])):
        raise ValueError(f"labels must lie in 0 … {s.shape[1] - 1}")
    return s, y.astype(np.intp)


def _margins(s, y, margin):
    """max(0, s_j − s_y + margin) for every class j, with the true class's own term zeroed."""
    rows = np.arange(s.shape[0])
    true = s[rows, y][:, None]
    out = np.maximum(0.0, s - true + margin)
    # For j = y the term is max(0, margin) = margin: not a violation, it must not count.
    out[rows, y] = 0.0
    return out


def multiclass_hinge(scores, labels, margin=1.0):
    """mean over rows of Σ_{j≠y} max(0, s_j − s_y + margin)."""
    s, y = _inputs(scores, labels)
    # Each wrong class j must score at least `margin` below the true class; every unit it
    # falls short costs one unit. Summing over the wrong classes (Weston–Watkins) charges every
    # violator; sklearn's hinge_loss takes the worst one only (Crammer–Singer).
    return float(np.mean(np.sum(_margins(s, y, margin), axis=1)))


# --- Mistakes: each is the reference with one change -------------------------------------


def _includes_true_class(scores, labels, margin=1.0):
    s, y = _inputs(scores, labels)
    true = s[np.arange(s.shape[0]), y][:, None]
    # j = y included: max(0, margin) = margin is added to every row.
    return float(np.mean(np.sum(np.maximum(0.0, s - true + margin), axis=1)))


def _max_instead_of_sum(scores, labels, margin=1.0):
    s, y = _inputs(scores, labels)
    return float(np.mean(np.max(_margins(s, y, margin), axis=1)))  # Crammer–Singer


def _ignores_margin(scores, labels, margin=1.0):
    s, y = _inputs(scores, labels)
    return float(np.mean(np.sum(_margins(s, y, 1.0), axis=1)))  # the argument is never used


def _wrong_sign(scores, labels, margin=1.0):
    s, y = _inputs(scores, labels)
    # s_y − s_j + margin: the true class is charged for beating the others.
    return float(np.mean(np.sum(_margins(-s, y, margin), axis=1)))


def _sum_over_rows(scores, labels, margin=1.0):
    s, y = _inputs(scores, labels)
    return float(np.sum(_margins(s, y, margin)))


MISTAKES = {
    "includes-true-class": {"multiclass_hinge": _includes_true_class},
    "max-instead-of-sum": {"multiclass_hinge": _max_instead_of_sum},
    "ignores-margin": {"multiclass_hinge": _ignores_margin},
    "wrong-sign": {"multiclass_hinge": _wrong_sign},
    "sum-over-rows": {"multiclass_hinge": _sum_over_rows},
}
