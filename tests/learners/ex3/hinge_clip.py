# lossdrill: ex3
"""Hinge loss via np.clip, gradient via a boolean mask; labels checked with np.isin."""
import numpy as np


def _labels(y_true):
    y = np.asarray(y_true)
    if not np.isin(y, (-1, 1)).all():
        raise ValueError("hinge loss needs labels in {-1, +1}")
    return y.astype(np.float64)


def hinge_loss(y_true, scores):
    y = _labels(y_true)
    s = np.asarray(scores, dtype=np.float64)
    if y.shape != s.shape:
        raise ValueError("shape mismatch")
    return np.clip(1.0 - y * s, 0.0, None).mean()


def hinge_grad(y_true, scores):
    y = _labels(y_true)
    s = np.asarray(scores, dtype=np.float64)
    if y.shape != s.shape:
        raise ValueError("shape mismatch")
    violated = (y * s < 1.0).astype(np.float64)
    return -(violated * y) / y.size
