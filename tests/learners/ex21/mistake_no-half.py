# lossdrill: ex21
# Mistake: drops the factor 1/2 of both terms.
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=float)
    y = np.asarray(same, dtype=float)
    loss = y * d**2 + (1 - y) * np.maximum(0.0, margin - d) ** 2
    return float(np.mean(loss))
