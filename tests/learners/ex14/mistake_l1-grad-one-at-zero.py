# lossdrill: ex14
# Mistake: the sign of 0 taken as +1.
import numpy as np


def l1_penalty(w, lam):
    return float(lam * np.sum(np.abs(np.asarray(w, dtype=float))))


def l1_grad(w, lam):
    w = np.asarray(w, dtype=float)
    return np.where(w >= 0, lam, -lam).astype(float)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=float)
    return float(0.5 * lam * np.sum(w ** 2))


def l2_grad(w, lam):
    return lam * np.asarray(w, dtype=float)
