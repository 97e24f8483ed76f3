# lossdrill: ex21
# heldout: ignores-margin — the dissimilar term uses a literal 1 where the margin argument belongs
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=np.float64)
    s = np.asarray(same, dtype=np.float64)
    return float(np.mean(s * 0.5 * d ** 2 + (1 - s) * 0.5 * np.maximum(0, 1.0 - d) ** 2))
