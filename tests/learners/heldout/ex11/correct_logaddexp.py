# lossdrill: ex11
# heldout: correct — softplus as np.logaddexp(0, z), the sigmoid through tanh (never overflows)
import numpy as np


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    return float(np.mean(np.logaddexp(0.0, z) - z * y))


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    sigma = 0.5 * (1.0 + np.tanh(0.5 * z))
    return (sigma - y) / z.size
