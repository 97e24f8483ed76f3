# lossdrill: ex3
# heldout: assertion-instead-of-valueerror — validates the labels with assert, which raises AssertionError where ValueError is asked
import numpy as np


def hinge_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    assert set(np.unique(y)) <= {-1.0, 1.0}, "labels must be -1 or +1"
    return float(np.mean(np.maximum(0, 1 - y * s)))


def hinge_grad(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    assert set(np.unique(y)) <= {-1.0, 1.0}, "labels must be -1 or +1"
    return np.where(y * s < 1, -y / len(y), 0.0)
