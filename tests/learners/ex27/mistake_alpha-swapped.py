# lossdrill: ex27
# Mistake alpha-swapped: alpha goes with class 0 and 1 − alpha with class 1.
import numpy as np


def _labels(y, k):
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or np.any(y % 1 != 0) or np.any((y < 0) | (y >= k)):
        raise ValueError("labels must be integers 0 .. k - 1")
    return y.astype(np.int64)


def class_weights(y, n_classes):
    y = _labels(y, n_classes)
    counts = np.bincount(y, minlength=n_classes).astype(float)
    if (counts == 0).any():
        raise ValueError("a class is missing from y")
    return y.size / (n_classes * counts)


def _true_probs(y_true, probs, weights, eps):
    P = np.asarray(probs, dtype=float)
    weights = np.asarray(weights, dtype=float)
    k = 2 if P.ndim == 1 else P.shape[1]
    if weights.shape != (k,) or (weights < 0).any():
        raise ValueError("one non-negative weight per class")
    y = _labels(y_true, k)
    if y.size != P.shape[0]:
        raise ValueError("labels and probabilities differ in number")
    P = np.clip(P, eps, 1 - eps)
    p = np.where(y == 1, P, 1 - P) if P.ndim == 1 else P[np.arange(y.size), y]
    w = weights[y]
    if w.sum() <= 0:
        raise ValueError("weights sum to 0")
    return y, p, w


def weighted_cross_entropy(y_true, probs, weights, eps=1e-15):
    y, p, w = _true_probs(y_true, probs, weights, eps)
    return float((w * -np.log(p)).sum() / w.sum())


def weighted_cross_entropy_grad(y_true, probs, weights, eps=1e-15):
    y, p, w = _true_probs(y_true, probs, weights, eps)
    d = -w / (w.sum() * p)
    if np.ndim(probs) == 1:
        return np.where(y == 1, d, -d)
    out = np.zeros(np.shape(probs))
    out[np.arange(y.size), y] = d
    return out


def focal_loss(y_true, p_pred, gamma=2.0, alpha=None, eps=1e-15):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p_pred, dtype=float)
    if y.shape != p.shape or not np.isin(y, [0, 1]).all():
        raise ValueError("binary labels, one per prediction")
    if gamma < 0 or (alpha is not None and not 0 <= alpha <= 1):
        raise ValueError("gamma >= 0, alpha in [0, 1]")
    p = np.clip(p, eps, 1 - eps)
    p_t = np.where(y == 1, p, 1 - p)
    a = 1.0 if alpha is None else np.where(y == 0, alpha, 1 - alpha)
    return float(np.mean(-a * (1 - p_t) ** gamma * np.log(p_t)))
