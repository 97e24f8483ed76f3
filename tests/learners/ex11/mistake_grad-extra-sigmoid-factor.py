# lossdrill: ex11
# Mistake: chain rule "through the sigmoid" once more: (sigma - y) * sigma * (1 - sigma) / N.
import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    p = _sigmoid(z)
    dloss_dp = p - y
    dp_dz = p * (1 - p)
    return dloss_dp * dp_dz / z.size
