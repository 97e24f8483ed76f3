# lossdrill: ex14
# heldout: correct — np.vdot for Σw², and the sign built from two comparisons, (w > 0) − (w < 0), which is 0 at 0
import numpy as np


def _flat(w):
    return np.asarray(w, dtype=np.float64)


def l1_penalty(w, lam):
    return float(lam * np.abs(_flat(w)).sum())


def l1_grad(w, lam):
    w = _flat(w)
    sign = (w > 0).astype(np.float64) - (w < 0).astype(np.float64)
    return lam * sign


def l2_penalty(w, lam):
    w = _flat(w)
    return float(0.5 * lam * np.vdot(w, w))


def l2_grad(w, lam):
    return np.multiply(lam, _flat(w))
