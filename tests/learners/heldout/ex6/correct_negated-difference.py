# lossdrill: ex6
# heldout: correct — the chain rule written out: outer derivative times the inner derivative −1, scaled by 2/N for the mean
import numpy as np


def _arrays(y_true, y_pred):
    t = np.array(y_true, dtype=np.float64)
    p = np.array(y_pred, dtype=np.float64)
    if t.shape != p.shape:
        raise ValueError(f"y_true {t.shape} and y_pred {p.shape} differ")
    return t, p


def squared_error_grad(y_true, y_pred):
    t, p = _arrays(y_true, y_pred)
    outer = t - p          # d/du of ½u², at u = y − ŷ
    return outer * -1.0    # times du/dŷ = −1


def mse_grad(y_true, y_pred):
    t, p = _arrays(y_true, y_pred)
    return np.multiply(2.0 / p.size, -(t - p))
