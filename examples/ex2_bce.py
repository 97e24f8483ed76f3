# lossdrill: ex2
"""Binary cross-entropy, first attempt at ex2."""

import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)

    # cost of each sample: -log p if the label is 1, -log(1 - p) if it is 0
    per_sample = y * np.log(p) + (1 - y) * np.log(1 - p)
    return float(-np.mean(per_sample))
