# lossdrill: ex11
# heldout: sums-over-labels — for a 2-D multi-label batch sums the costs of each row and averages over rows, K times the mean over entries
import numpy as np


def _sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    cost = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    if cost.ndim == 2:
        return float(np.mean(np.sum(cost, axis=1)))
    return float(np.mean(cost))


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    return (_sigmoid(z) - y) / z.size
