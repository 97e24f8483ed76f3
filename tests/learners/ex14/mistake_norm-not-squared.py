# lossdrill: ex14
# Mistake: np.linalg.norm is the square root of Σw²; it is used without squaring.
import numpy as np


def l1_penalty(w, lam):
    return float(lam * np.sum(np.abs(np.asarray(w, dtype=float))))


def l1_grad(w, lam):
    return lam * np.sign(np.asarray(w, dtype=float))


def l2_penalty(w, lam):
    return float(0.5 * lam * np.linalg.norm(np.asarray(w, dtype=float)))


def l2_grad(w, lam):
    return lam * np.asarray(w, dtype=float)
