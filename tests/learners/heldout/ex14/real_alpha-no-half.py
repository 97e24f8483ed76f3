# lossdrill: ex14
# heldout: l2-no-half — the regulariser-class pattern: norm() returns alpha·Σw² while calculate_gradient() returns alpha·w, so the penalty lacks the ½ its gradient assumes
import numpy as np


def l2_penalty(w, lam):
    weights = np.asarray(w, dtype=np.float64)
    return float(lam * np.sum(weights ** 2))


def l2_grad(w, lam):
    weights = np.asarray(w, dtype=np.float64)
    return lam * weights


def l1_penalty(w, lam):
    weights = np.asarray(w, dtype=np.float64)
    return float(lam * np.abs(weights).sum())


def l1_grad(w, lam):
    weights = np.asarray(w, dtype=np.float64)
    return lam * np.sign(weights)
