# lossdrill: ex12
# heldout: accepts-zero-one-labels — converts labels with np.where(y <= 0, -1, 1) as library-style code does, so {0, 1} and any other labels pass silently
import numpy as np


def perceptron_loss(y_true, scores):
    y_ = np.where(np.asarray(y_true) <= 0, -1, 1)
    s = np.asarray(scores, dtype=np.float64)
    return float(np.mean(np.maximum(0, -y_ * s)))
