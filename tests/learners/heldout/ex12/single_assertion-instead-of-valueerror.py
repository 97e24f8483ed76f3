# lossdrill: ex12
# heldout: assertion-instead-of-valueerror — asserts the labels are ±1, raising AssertionError where ValueError is asked
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    assert np.all(np.abs(y) == 1), "labels must be -1 or +1"
    return float(np.mean(np.maximum(0.0, -y * s)))
