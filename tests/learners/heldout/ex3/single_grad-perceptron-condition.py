# lossdrill: ex3
# heldout: grad-perceptron-condition — the gradient is active only where y·s < 0 (misclassified), forgetting the samples inside the margin 0 ≤ y·s < 1
import numpy as np


def _labels(y_true):
    y = np.asarray(y_true, dtype=np.float64)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    return y


def hinge_loss(y_true, scores):
    y = _labels(y_true)
    s = np.asarray(scores, dtype=np.float64)
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))


def hinge_grad(y_true, scores):
    y = _labels(y_true)
    s = np.asarray(scores, dtype=np.float64)
    wrong = y * s < 0
    return np.where(wrong, -y / y.size, 0.0)
