# lossdrill: ex12
# Mistake: no label check at all, so {0, 1} (or 2, or 0.5) labels go through silently.
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=float)
    s = np.asarray(scores, dtype=float)
    return float(np.mean(np.maximum(0, -y * s)))
