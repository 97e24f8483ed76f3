# lossdrill: ex2
# heldout: casts-labels-to-int — converts the labels to integers, which turns soft labels such as 0.7 into 0
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true).astype(int)
    p = np.clip(np.asarray(p_pred, dtype=np.float64), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
