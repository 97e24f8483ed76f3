# lossdrill: ex27
"""A correct solution, written with whole-array NumPy operations."""
import numpy as np


def _labels(y, k):
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or np.any(y != np.floor(y)) or np.any(y < 0) or np.any(y >= k):
        raise ValueError(f"labels must be integers in 0..{k - 1}")
    return y.astype(int)


def class_weights(y, n_classes):
    y = _labels(y, n_classes)
    counts = np.bincount(y, minlength=n_classes)
    if np.any(counts == 0):
        raise ValueError("every class must occur in y")
    return len(y) / (n_classes * counts.astype(float))


def _prepare(y_true, probs, weights, eps):
    probs = np.asarray(probs, dtype=float)
    weights = np.asarray(weights, dtype=float)
    k = 2 if probs.ndim == 1 else probs.shape[1]
    if weights.shape != (k,) or np.any(weights < 0):
        raise ValueError("need one non-negative weight per class")
    y = _labels(y_true, k)
    if len(y) != len(probs):
        raise ValueError("one label per prediction")
    if probs.ndim == 1:
        probs = np.stack([1 - probs, probs], axis=1)  # column 0: class 0, column 1: class 1
    p_true = np.clip(probs[np.arange(len(y)), y], eps, 1 - eps)
    w = weights[y]
    if w.sum() <= 0:
        raise ValueError("weights sum to zero")
    return y, p_true, w


def weighted_cross_entropy(y_true, probs, weights, eps=1e-15):
    # clip(1 − p) equals 1 − clip(p) on [eps, 1 − eps], so stacking first is fine.
    y, p_true, w = _prepare(y_true, probs, weights, eps)
    return float(np.sum(w * -np.log(p_true)) / np.sum(w))


def weighted_cross_entropy_grad(y_true, probs, weights, eps=1e-15):
    y, p_true, w = _prepare(y_true, probs, weights, eps)
    d_true = -w / (np.sum(w) * p_true)  # d loss / d p_true
    probs = np.asarray(probs, dtype=float)
    if probs.ndim == 1:
        # p_true is p for class 1 and 1 − p for class 0, whose derivative in p is −1.
        return np.where(y == 1, d_true, -d_true)
    grad = np.zeros(probs.shape)
    grad[np.arange(len(y)), y] = d_true
    return grad


def focal_loss(y_true, p_pred, gamma=2.0, alpha=None, eps=1e-15):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p_pred, dtype=float)
    if y.shape != p.shape or not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1, one per prediction")
    if gamma < 0 or (alpha is not None and not 0 <= alpha <= 1):
        raise ValueError("gamma >= 0 and alpha in [0, 1]")
    p = np.clip(p, eps, 1 - eps)
    p_t = np.where(y == 1, p, 1 - p)
    alpha_t = 1.0 if alpha is None else np.where(y == 1, alpha, 1 - alpha)
    return float(np.mean(-alpha_t * (1 - p_t) ** gamma * np.log(p_t)))
