# lossdrill: ex11
"""BCE on logits with np.logaddexp (log(1 + e^z) without overflow), and its gradient."""
import numpy as np


def _arrays(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    if y.shape != z.shape:
        raise ValueError("y_true and logits must have the same shape")
    return y, z


def bce_with_logits(y_true, logits):
    y, z = _arrays(y_true, logits)
    # log(1 + e^z) = logaddexp(0, z), computed stably by NumPy.
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def bce_with_logits_grad(y_true, logits):
    y, z = _arrays(y_true, logits)
    # sigma(z) = exp(-log(1 + e^-z)), never overflows.
    sigma = np.exp(-np.logaddexp(0.0, -z))
    return (sigma - y) / y.size
