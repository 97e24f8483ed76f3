# lossdrill: ex12
# Mistake: counts the misclassified samples (error rate) instead of how wrong they are.
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=float)
    s = np.asarray(scores, dtype=float)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    wrong = np.sign(s) == -y  # a score of 0 is not counted as a mistake
    return float(np.mean(wrong))
