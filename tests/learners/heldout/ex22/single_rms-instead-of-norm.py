# lossdrill: ex22
# heldout: rms-instead-of-norm — the distance is √(mean of squared differences) over the D coordinates, the norm divided by √D
import numpy as np


def triplet_loss(anchor, positive, negative, margin=1.0):
    a = np.asarray(anchor, dtype=np.float64)
    p = np.asarray(positive, dtype=np.float64)
    n = np.asarray(negative, dtype=np.float64)
    d_ap = np.sqrt(np.mean((a - p) ** 2, axis=1))
    d_an = np.sqrt(np.mean((a - n) ** 2, axis=1))
    return float(np.mean(np.maximum(0.0, d_ap - d_an + margin)))
