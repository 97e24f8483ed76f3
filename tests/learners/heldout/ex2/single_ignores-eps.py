# lossdrill: ex2
# heldout: ignores-eps — clips with a fixed 1e-15 written in the body, so the eps argument is never used
import numpy as np

EPSILON = 1e-15


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p_pred, dtype=np.float64), EPSILON, 1 - EPSILON)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
