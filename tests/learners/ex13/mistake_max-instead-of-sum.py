# lossdrill: ex13
# Mistake: charges only the worst wrong class of each row (Crammer-Singer, like sklearn).
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=float)
    n = s.shape[0]
    rows = np.arange(n)
    correct = s[rows, labels]
    others = s.copy()
    others[rows, labels] = -np.inf
    worst = others.max(axis=1)
    return float(np.mean(np.maximum(0, worst - correct + margin)))
