# lossdrill: ex11
"""BCE on logits element by element with the math module; works for 1-D and 2-D input."""
import math

import numpy as np


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def bce_with_logits(y_true, logits):
    ys = np.ravel(y_true)
    zs = np.ravel(logits)
    total = 0.0
    for y, z in zip(ys, zs):
        y, z = float(y), float(z)
        total += max(z, 0.0) - z * y + math.log1p(math.exp(-abs(z)))
    return total / len(zs)


def bce_with_logits_grad(y_true, logits):
    shape = np.shape(logits)
    ys = np.ravel(y_true)
    zs = np.ravel(logits)
    n = len(zs)
    out = np.empty(n)
    for i in range(n):
        out[i] = (_sigmoid(float(zs[i])) - float(ys[i])) / n
    return out.reshape(shape)
