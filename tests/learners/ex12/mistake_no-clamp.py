# lossdrill: ex12
# Mistake: -mean(y*s) with no max(0, .): correct samples subtract from the loss.
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=float)
    s = np.asarray(scores, dtype=float)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    return float(-np.mean(y * s))
