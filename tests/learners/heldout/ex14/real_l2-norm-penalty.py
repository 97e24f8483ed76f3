# lossdrill: ex14
# heldout: norm-not-squared — the L2 regulariser returns l·np.linalg.norm(weights), the norm itself rather than ½·Σw²
import numpy as np


def l2_penalty(w, lam):
    norm = np.linalg.norm(np.asarray(w, dtype=np.float64))
    return float(lam * norm)


def l2_grad(w, lam):
    return lam * np.asarray(w, dtype=np.float64)


def l1_penalty(w, lam):
    return float(lam * np.sum(np.abs(np.asarray(w, dtype=np.float64))))


def l1_grad(w, lam):
    return lam * np.sign(np.asarray(w, dtype=np.float64))
