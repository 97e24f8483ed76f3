# lossdrill: ex21
# heldout: bitwise-not-on-int-flags — selects the dissimilar pairs with ~same, a logical not only for booleans: on integer flags ~1 = −2 and ~0 = −1
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=np.float64)
    s = np.asarray(same)
    pos = s * 0.5 * d ** 2
    neg = ~s * 0.5 * np.maximum(0, margin - d) ** 2
    return float(np.mean(pos + neg))
