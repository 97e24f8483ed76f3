# lossdrill: ex11
# heldout: unstable-softplus — uses the textbook form z − z·y + log(1 + e^(−z)), which overflows for large negative logits (e^1000 = inf)
import numpy as np


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    with np.errstate(over="ignore"):
        loss = z - z * y + np.log(1 + np.exp(-z))
    return float(np.mean(loss))


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    sig = np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))
    return (sig - y) / z.size
