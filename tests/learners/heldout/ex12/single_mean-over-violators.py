# lossdrill: ex12
# heldout: mean-over-violators — averages over the misclassified samples only, instead of over all N entries
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    m = y * s
    wrong = m < 0
    if not wrong.any():
        return 0.0
    return float(np.mean(-m[wrong]))
