# lossdrill: ex14
# Mistake: the sign computed as w / |w|, which is 0/0 = NaN at w = 0.
import numpy as np


def l1_penalty(w, lam):
    return float(lam * np.sum(np.abs(np.asarray(w, dtype=float))))


def l1_grad(w, lam):
    w = np.asarray(w, dtype=float)
    return lam * w / np.abs(w)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=float)
    return float(0.5 * lam * np.sum(w ** 2))


def l2_grad(w, lam):
    return lam * np.asarray(w, dtype=float)
