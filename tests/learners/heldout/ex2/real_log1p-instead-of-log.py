# lossdrill: ex2
# heldout: log1p-instead-of-log — uses log1p(p), which is log(1 + p), believing it is a safe log(p) that avoids log(0)
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)
    # log1p never sees a zero, so no clipping is needed
    return float(np.mean(-y * np.log1p(p) - (1 - y) * np.log1p(1 - p)))
