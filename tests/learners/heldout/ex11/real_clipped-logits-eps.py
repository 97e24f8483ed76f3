# lossdrill: ex11
# heldout: naive-log-sigmoid — the from-scratch logistic-regression pattern: sigmoid(clip(z, −500, 500)), then log(p + 1e-9) and log(1 − p + 1e-9)
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))


def bce_with_logits(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    p = sigmoid(np.asarray(logits, dtype=np.float64))
    eps = 1e-9
    return float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))


def bce_with_logits_grad(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    return (sigmoid(z) - y) / y.size
