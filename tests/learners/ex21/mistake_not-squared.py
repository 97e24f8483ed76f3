# lossdrill: ex21
# Mistake: uses d and max(0, m - d) without squaring.
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=float)
    y = np.asarray(same, dtype=float)
    loss = y * 0.5 * d + (1 - y) * 0.5 * np.maximum(0.0, margin - d)
    return float(np.mean(loss))
