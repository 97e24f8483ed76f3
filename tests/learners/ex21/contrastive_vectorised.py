# lossdrill: ex21
"""Contrastive loss with np.where selecting the term of each pair."""
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=np.float64)
    similar = np.asarray(same).astype(bool)
    hinge = np.clip(margin - d, 0.0, None)
    per_pair = np.where(similar, 0.5 * d * d, 0.5 * hinge * hinge)
    return float(per_pair.mean())
