# lossdrill: ex12
# Mistake: writes the hinge loss, max(0, 1 - y*s), a margin the perceptron does not ask for.
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=float)
    s = np.asarray(scores, dtype=float)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    return float(np.mean(np.maximum(0, 1 - y * s)))
