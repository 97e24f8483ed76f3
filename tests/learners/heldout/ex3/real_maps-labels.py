# lossdrill: ex3
# heldout: accepts-zero-one-labels — maps labels with np.where(y <= 0, -1, 1) as from-scratch SVMs do, silently accepting {0, 1} and any other label
import numpy as np


def hinge_loss(y_true, scores):
    y_ = np.where(np.asarray(y_true) <= 0, -1, 1)
    s = np.asarray(scores, dtype=np.float64)
    return float(np.mean(np.maximum(0, 1 - y_ * s)))


def hinge_grad(y_true, scores):
    y_ = np.where(np.asarray(y_true) <= 0, -1, 1)
    s = np.asarray(scores, dtype=np.float64)
    n = s.shape[0]
    return np.where(y_ * s < 1, -y_ / n, 0.0)
