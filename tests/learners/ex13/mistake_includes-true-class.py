# lossdrill: ex13
# Mistake: sums over every class, the true one included (adds margin to each row).
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=float)
    n = s.shape[0]
    correct = s[np.arange(n), labels][:, None]
    return float(np.mean(np.sum(np.maximum(0, s - correct + margin), axis=1)))
