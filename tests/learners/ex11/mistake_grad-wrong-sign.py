# lossdrill: ex11
# Mistake: the gradient is (y - sigma) / N, the negative of the right one.
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
    return (y - _sigmoid(z)) / z.size
