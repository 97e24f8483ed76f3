# lossdrill: ex14
"""L1 and L2 penalties with NumPy reductions over the flattened weights."""
import numpy as np


def l1_penalty(w, lam):
    w = np.asarray(w, dtype=float).ravel()
    return float(lam * np.abs(w).sum())


def l1_grad(w, lam):
    w = np.asarray(w, dtype=float)
    return lam * np.sign(w)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=float).ravel()
    return float(0.5 * lam * np.dot(w, w))


def l2_grad(w, lam):
    return lam * np.asarray(w, dtype=float)
