"""Reference solution for ex12 (the perceptron loss) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _inputs(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if y.shape != s.shape:
        raise ValueError(f"y_true and scores must have the same shape, got {y.shape} and "
                         f"{s.shape}")
    return y, s


def _check_labels(y):
    # With {0, 1} labels every negative sample would have y·s = 0: it would cost nothing and
    # never be learned, whatever its score. The perceptron's labels are −1 and +1.
    bad = ~((y == 1.0) | (y == -1.0))
    if bad.any():
        raise ValueError(f"labels must be -1 or +1, got {np.unique(y[bad])[:5].tolist()}")


def perceptron_loss(y_true, scores):
    """mean(max(0, −y·s)) over all entries, for labels y in {−1, +1}."""
    y, s = _inputs(y_true, scores)
    _check_labels(y)
    # −y·s is positive exactly when the sign of the score is wrong: a misclassified sample
    # costs how far it is on the wrong side, a correct one (or one exactly on the boundary,
    # y·s = 0) costs nothing. Unlike the hinge, there is no margin of 1 to reach.
    return float(np.mean(np.maximum(0.0, -y * s)))


# --- Mistakes: each is the reference with one change -------------------------------------


def _accepts_zero_one_labels(y_true, scores):
    y, s = _inputs(y_true, scores)
    return float(np.mean(np.maximum(0.0, -y * s)))


def _hinge_instead(y_true, scores):
    y, s = _inputs(y_true, scores)
    _check_labels(y)
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))


def _zero_one_loss(y_true, scores):
    y, s = _inputs(y_true, scores)
    _check_labels(y)
    return float(np.mean(y * s < 0))  # counts the mistakes, ignores how bad they are


def _no_clamp(y_true, scores):
    y, s = _inputs(y_true, scores)
    _check_labels(y)
    return float(-np.mean(y * s))


def _sum_instead_of_mean(y_true, scores):
    y, s = _inputs(y_true, scores)
    _check_labels(y)
    return float(np.sum(np.maximum(0.0, -y * s)))


MISTAKES = {
    "accepts-zero-one-labels": {"perceptron_loss": _accepts_zero_one_labels},
    "hinge-instead": {"perceptron_loss": _hinge_instead},
    "zero-one-loss": {"perceptron_loss": _zero_one_loss},
    "no-clamp": {"perceptron_loss": _no_clamp},
    "sum-instead-of-mean": {"perceptron_loss": _sum_instead_of_mean},
}
