# lossdrill: ex2
# heldout: ignores-eps — clips with a framework-style constant epsilon of 1e-7 in place of the eps argument (and its default of 1e-15)
import numpy as np

_EPSILON = 1e-7


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y_true = np.asarray(y_true, dtype=np.float64)
    output = np.clip(np.asarray(p_pred, dtype=np.float64), _EPSILON, 1.0 - _EPSILON)
    bce = y_true * np.log(output + _EPSILON)
    bce += (1 - y_true) * np.log(1 - output + _EPSILON)
    return float(np.mean(-bce))
