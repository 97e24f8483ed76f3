# lossdrill: ex2
# heldout: nan-to-num-instead-of-clipping — skips the clip and patches the result with np.nan_to_num: −inf becomes ±1.8e308 and NaN becomes 0
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = y * np.log(p) + (1 - y) * np.log(1 - p)
    terms = np.nan_to_num(terms)
    return float(-np.mean(terms))
