# lossdrill: ex2
# heldout: log-plus-eps — adds eps inside the logarithms, log(p + eps), instead of clipping p into [eps, 1 − eps]
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)
    return float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
