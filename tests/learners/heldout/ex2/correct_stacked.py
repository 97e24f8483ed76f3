# lossdrill: ex2
# heldout: correct — the two outcomes stacked as a 2-class distribution, summed over classes and averaged over samples
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p_pred, dtype=np.float64), eps, 1.0 - eps)
    targets = np.stack([1.0 - y, y])
    probs = np.stack([1.0 - p, p])
    per_sample = -(targets * np.log(probs)).sum(axis=0)
    return float(per_sample.mean())
