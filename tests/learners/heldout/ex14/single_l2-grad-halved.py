# lossdrill: ex14
# heldout: l2-grad-halved — keeps the ½ of the penalty in its gradient too, λ·w/2, instead of letting it cancel the 2 of w²
import numpy as np


def _w(w):
    return np.asarray(w, dtype=np.float64)


def l1_penalty(w, lam):
    return float(lam * np.abs(_w(w)).sum())


def l1_grad(w, lam):
    return lam * np.sign(_w(w))


def l2_penalty(w, lam):
    return float(0.5 * lam * (_w(w) ** 2).sum())


def l2_grad(w, lam):
    return 0.5 * lam * _w(w)
