# lossdrill: ex14
# heldout: matrix-1-norm — uses np.linalg.norm(w, 1), which for a matrix is the largest column sum of |w|, not the sum of every |w|
import numpy as np


def _w(w):
    return np.asarray(w, dtype=np.float64)


def l1_penalty(w, lam):
    return float(lam * np.linalg.norm(_w(w), 1))


def l1_grad(w, lam):
    return lam * np.sign(_w(w))


def l2_penalty(w, lam):
    return float(0.5 * lam * np.sum(_w(w) ** 2))


def l2_grad(w, lam):
    return lam * _w(w)
