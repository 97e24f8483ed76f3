# lossdrill: ex2
# heldout: log-of-label — the positive term takes the log of the label y instead of the prediction, and weights the negative term by the prediction
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    y_hat = np.clip(np.asarray(p_pred, dtype=np.float64), eps, 1 - eps)
    y_safe = np.clip(y, eps, 1 - eps)
    return float(np.mean(-y * np.log(y_safe) - (1 - y_hat) * np.log(1 - y_hat)))
