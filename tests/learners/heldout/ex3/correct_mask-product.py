# lossdrill: ex3
# heldout: correct — the hinge as (1 − m) times the indicator of m < 1, the gradient from the same indicator
import numpy as np


def _prepare(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    bad = ~np.isin(y, (-1.0, 1.0))
    if bad.any():
        raise ValueError(f"labels must be -1 or +1, found {np.unique(y[bad])}")
    return y, s


def hinge_loss(y_true, scores):
    y, s = _prepare(y_true, scores)
    m = y * s
    inside = (m < 1).astype(np.float64)
    return float(((1.0 - m) * inside).sum() / m.size)


def hinge_grad(y_true, scores):
    y, s = _prepare(y_true, scores)
    inside = (y * s < 1).astype(np.float64)
    return -y * inside / s.size
