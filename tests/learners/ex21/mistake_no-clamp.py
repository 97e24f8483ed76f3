# lossdrill: ex21
# Mistake: no max(0, .) on the dissimilar term.
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=float)
    y = np.asarray(same, dtype=float)
    loss = y * 0.5 * d**2 + (1 - y) * 0.5 * (margin - d) ** 2
    return float(np.mean(loss))
