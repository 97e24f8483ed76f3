# lossdrill: ex11
# heldout: forgets-abs-in-softplus — writes max(z, 0) − z·y + log(1 + e^(−z)) without the absolute value: wrong for every negative logit, and overflowing for large ones
import numpy as np


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    with np.errstate(over="ignore"):
        return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-z))))


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    sig = 0.5 * (1.0 + np.tanh(0.5 * z))
    return (sig - y) / z.size
