# lossdrill: ex21
# heldout: margin-on-squared-distance — compares the margin with the squared distance, ½·max(0, m − d²)², instead of ½·max(0, m − d)²
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=np.float64)
    s = np.asarray(same, dtype=np.float64)
    d2 = d ** 2
    similar = 0.5 * d2
    dissimilar = 0.5 * np.maximum(0.0, margin - d2) ** 2
    return float(np.mean(s * similar + (1 - s) * dissimilar))
