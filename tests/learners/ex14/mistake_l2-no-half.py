# lossdrill: ex14
# Mistake: the L2 penalty is written lam·Σw² (no ½), with the matching gradient 2·lam·w.
import numpy as np


def l1_penalty(w, lam):
    return float(lam * np.sum(np.abs(np.asarray(w, dtype=float))))


def l1_grad(w, lam):
    return lam * np.sign(np.asarray(w, dtype=float))


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=float)
    return float(lam * np.sum(w * w))


def l2_grad(w, lam):
    return 2 * lam * np.asarray(w, dtype=float)
