# lossdrill: ex12
"""Perceptron loss with an explicit loop over every entry (1-D or 2-D input)."""
import numpy as np


def perceptron_loss(y_true, scores):
    labels = np.ravel(y_true)
    values = np.ravel(scores)
    if len(labels) != len(values):
        raise ValueError("y_true and scores differ in size")
    total = 0.0
    for y, s in zip(labels, values):
        if y != 1 and y != -1:
            raise ValueError(f"invalid label {y!r}: use -1 or +1")
        margin = float(y) * float(s)
        if margin < 0:
            total -= margin
    return total / len(values)
