# lossdrill: ex14
"""L1 and L2 penalties with explicit loops over every element (np.ndindex)."""
import numpy as np


def l1_penalty(w, lam):
    w = np.asarray(w)
    total = 0.0
    for idx in np.ndindex(w.shape):
        total += abs(float(w[idx]))
    return lam * total


def l1_grad(w, lam):
    w = np.asarray(w)
    grad = np.zeros(w.shape, dtype=np.float64)
    for idx in np.ndindex(w.shape):
        value = float(w[idx])
        if value > 0:
            grad[idx] = lam
        elif value < 0:
            grad[idx] = -lam
        # exactly 0: the subgradient 0 is kept
    return grad


def l2_penalty(w, lam):
    w = np.asarray(w)
    total = 0.0
    for idx in np.ndindex(w.shape):
        total += float(w[idx]) ** 2
    return lam * total / 2


def l2_grad(w, lam):
    w = np.asarray(w)
    grad = np.empty(w.shape, dtype=np.float64)
    for idx in np.ndindex(w.shape):
        grad[idx] = lam * float(w[idx])
    return grad
