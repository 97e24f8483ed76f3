# lossdrill: ex21
# heldout: swapped-roles — the module whose label 1 means "dissimilar": (1 − y)·d² + y·clamp(m − d)², used with same = 1 for similar pairs (and without the ½)
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    dist = np.asarray(distance, dtype=np.float64)
    label = np.asarray(same, dtype=np.float64)
    loss = (1 - label) * np.power(dist, 2) + label * np.power(np.clip(margin - dist, 0.0, None), 2)
    return float(loss.mean())
