# lossdrill: ex12
"""Perceptron loss, vectorised, with the labels checked first."""
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if y.shape != s.shape:
        raise ValueError(f"shape mismatch: {y.shape} vs {s.shape}")
    if not np.isin(y, (-1.0, 1.0)).all():
        raise ValueError("perceptron labels must be -1 or +1")
    return float(np.maximum(0.0, -y * s).mean())
