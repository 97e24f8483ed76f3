# lossdrill: ex21
# heldout: correct — np.where selects ½d² or ½·relu(m − d)² by the flag, converted to bool first
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    d = np.asarray(distance, dtype=np.float64)
    similar = np.asarray(same).astype(bool)
    shortfall = np.clip(margin - d, 0.0, None)
    per_pair = np.where(similar, d * d, shortfall * shortfall) / 2.0
    return float(per_pair.mean())
