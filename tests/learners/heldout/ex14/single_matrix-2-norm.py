# lossdrill: ex14
# heldout: matrix-2-norm — uses np.linalg.norm(w, 2)², which for a weight matrix is the largest singular value squared, not Σw²
import numpy as np


def _w(w):
    return np.asarray(w, dtype=np.float64)


def l1_penalty(w, lam):
    return float(lam * np.sum(np.abs(_w(w))))


def l1_grad(w, lam):
    return lam * np.sign(_w(w))


def l2_penalty(w, lam):
    return float(0.5 * lam * np.linalg.norm(_w(w), 2) ** 2)


def l2_grad(w, lam):
    return lam * _w(w)
