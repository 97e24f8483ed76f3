# lossdrill: ex12
# heldout: correct — a misclassified sample costs |s|: the absolute score times the indicator of y·s ≤ 0
import numpy as np


def perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if not np.isin(y, (-1.0, 1.0)).all():
        raise ValueError("every label must be -1 or +1")
    misclassified = (y * s <= 0)
    return float(np.sum(np.abs(s) * misclassified) / s.size)
