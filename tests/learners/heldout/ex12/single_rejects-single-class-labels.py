# lossdrill: ex12
# heldout: rejects-single-class-labels — requires the set of labels to be exactly {−1, +1}, so valid input with one class only is rejected
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if set(np.unique(y).tolist()) != {-1.0, 1.0}:
        raise ValueError("labels must be -1 and +1")
    return float(np.mean(np.maximum(0.0, -y * s)))
