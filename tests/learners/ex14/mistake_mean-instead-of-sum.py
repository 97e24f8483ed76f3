# lossdrill: ex14
# Mistake: the penalties average over the weights (np.mean) instead of summing them.
import numpy as np


def l1_penalty(w, lam):
    return float(lam * np.mean(np.abs(np.asarray(w, dtype=float))))


def l1_grad(w, lam):
    return lam * np.sign(np.asarray(w, dtype=float))


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=float)
    return float(0.5 * lam * np.mean(w ** 2))


def l2_grad(w, lam):
    return lam * np.asarray(w, dtype=float)
