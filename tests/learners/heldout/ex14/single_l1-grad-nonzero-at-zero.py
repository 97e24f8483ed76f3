# lossdrill: ex14
# heldout: l1-grad-nonzero-at-zero — np.where(w > 0, λ, −λ) gives −λ at w = 0 instead of sign(0) = 0
import numpy as np


def l1_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(lam * np.sum(np.abs(w)))


def l1_grad(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return np.where(w > 0, lam, -lam).astype(np.float64)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(0.5 * lam * np.sum(w ** 2))


def l2_grad(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return lam * w
