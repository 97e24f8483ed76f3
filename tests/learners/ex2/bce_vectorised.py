# lossdrill: ex2
"""Binary cross-entropy, vectorised."""
import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)  # float64 first: 1 - 1e-15 == 1 in float32
    if y.shape != p.shape:
        raise ValueError(f"shape mismatch: {y.shape} vs {p.shape}")
    p = np.clip(p, eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
