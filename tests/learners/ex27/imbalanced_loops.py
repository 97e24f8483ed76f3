# lossdrill: ex27
"""A correct solution, written with explicit loops over the samples."""
import math

import numpy as np


def _label(value, k):
    value = float(value)
    if value != int(value) or not 0 <= value < k:
        raise ValueError(f"bad label {value}")
    return int(value)


def class_weights(y, n_classes):
    if np.ndim(y) != 1:
        raise ValueError("y must be 1-D")
    counts = [0] * n_classes
    for label in np.asarray(y).tolist():
        counts[_label(label, n_classes)] += 1
    if 0 in counts:
        raise ValueError("a class does not occur in y")
    n = sum(counts)
    return np.array([n / (n_classes * c) for c in counts])


def _rows(y_true, probs, weights):
    """(label, probability of the true class, weight) per sample, unclipped, and the shape."""
    probs = np.asarray(probs, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64).tolist()
    k = 2 if probs.ndim == 1 else probs.shape[1]
    if len(weights) != k or min(weights) < 0:
        raise ValueError("one non-negative weight per class")
    labels = np.asarray(y_true).tolist()
    if np.ndim(y_true) != 1 or len(labels) != probs.shape[0]:
        raise ValueError("one label per sample")
    rows = []
    for i, label in enumerate(labels):
        c = _label(label, k)
        if probs.ndim == 1:
            p = float(probs[i]) if c == 1 else 1.0 - float(probs[i])
        else:
            p = float(probs[i, c])
        rows.append((c, p, weights[c]))
    if sum(r[2] for r in rows) <= 0:
        raise ValueError("the weights sum to zero")
    return rows


def weighted_cross_entropy(y_true, probs, weights, eps=1e-15):
    rows = _rows(y_true, probs, weights)
    total = sum(w for _, _, w in rows)
    cost = 0.0
    for _, p, w in rows:
        cost += w * -math.log(min(max(p, eps), 1 - eps))
    return cost / total


def weighted_cross_entropy_grad(y_true, probs, weights, eps=1e-15):
    rows = _rows(y_true, probs, weights)
    total = sum(w for _, _, w in rows)
    shape = np.shape(probs)
    grad = np.zeros(shape)
    for i, (c, p, w) in enumerate(rows):
        d = -w / (total * min(max(p, eps), 1 - eps))
        if len(shape) == 1:
            grad[i] = d if c == 1 else -d
        else:
            grad[i, c] = d
    return grad


def focal_loss(y_true, p_pred, gamma=2.0, alpha=None, eps=1e-15):
    if np.shape(y_true) != np.shape(p_pred):
        raise ValueError("shapes differ")
    if gamma < 0:
        raise ValueError("gamma must be >= 0")
    if alpha is not None and (alpha < 0 or alpha > 1):
        raise ValueError("alpha must be in [0, 1]")
    ys = np.asarray(y_true, dtype=float).ravel().tolist()
    ps = np.asarray(p_pred, dtype=float).ravel().tolist()
    total = 0.0
    for y, p in zip(ys, ps):
        if y not in (0.0, 1.0):
            raise ValueError("labels must be 0 or 1")
        p = min(max(p, eps), 1 - eps)
        p_t = p if y == 1.0 else 1 - p
        a = 1.0 if alpha is None else (alpha if y == 1.0 else 1 - alpha)
        total += -a * (1 - p_t) ** gamma * math.log(p_t)
    return total / len(ys)
