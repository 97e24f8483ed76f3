# lossdrill: ex21
# Mistake: treats same = 1 as the dissimilar pairs.
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=float)
    y = np.asarray(same, dtype=float)
    # y = 1 means "different" in my head
    loss = y * 0.5 * np.maximum(0, margin - d) ** 2 + (1 - y) * 0.5 * d**2
    return float(np.mean(loss))
