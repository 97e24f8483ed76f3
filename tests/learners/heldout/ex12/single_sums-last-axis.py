# lossdrill: ex12
# heldout: sums-last-axis — sums the costs along the last axis and averages the rest, so a 2-D input is K times too large
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("labels must be -1 or +1")
    cost = np.maximum(0.0, -y * s)
    if cost.ndim > 1:
        cost = cost.sum(axis=-1)
    return float(cost.mean())
