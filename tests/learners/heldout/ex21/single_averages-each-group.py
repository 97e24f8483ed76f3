# lossdrill: ex21
# heldout: averages-each-group — averages the similar pairs and the dissimilar pairs separately and adds the two means, instead of one mean over all N pairs
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=np.float64)
    s = np.asarray(same).astype(bool)
    total = 0.0
    if s.any():
        total += np.mean(0.5 * d[s] ** 2)
    if (~s).any():
        total += np.mean(0.5 * np.maximum(0.0, margin - d[~s]) ** 2)
    return float(total)
