# lossdrill: ex14
# heldout: l1-without-abs — the L1 penalty sums the signed weights, λ·Σw, so positive and negative weights cancel
import numpy as np


def l1_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(lam * np.sum(w))


def l1_grad(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return lam * np.sign(w)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(0.5 * lam * np.sum(w * w))


def l2_grad(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return lam * w
