# lossdrill: ex11
# Mistake: the logistic loss for labels in {-1, +1}, log(1 + exp(-y*z)), applied to the
# {0, 1} labels as they are (stably computed), with its matching gradient.
import numpy as np


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    return float(np.mean(np.logaddexp(0.0, -y * z)))


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    t = y * z
    # d/dz log(1 + e^(-t)) = -y * sigma(-t)
    sig_minus_t = np.exp(-np.logaddexp(0.0, t))
    return -y * sig_minus_t / z.size
