# lossdrill: ex11
# Mistake: squashes the logits with a sigmoid first, then uses the log-loss formula of ex2
# without any guard: log(0) at large |z|. The gradient is fine.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=float)
    p = sigmoid(np.asarray(logits, dtype=float))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return (p - y) / z.size
