# lossdrill: ex11
# Mistake: + z*y instead of - z*y in the stable formula. The gradient is right.
import numpy as np


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    per_entry = np.maximum(z, 0) + z * y + np.log1p(np.exp(-np.abs(z)))
    return float(per_entry.mean())


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return (p - y) / z.size
