# lossdrill: ex27
"""A correct solution built on np.unique, np.average and np.take_along_axis, with the focal
loss composed as torchvision does: the cross-entropy, times the modulating factor, times α_t."""
import numpy as np


def _int_labels(y, n_classes):
    y = np.asarray(y)
    labels = y.astype(np.int64)
    if y.ndim != 1 or not np.array_equal(labels, y):
        raise ValueError("y must be a 1-D array of whole numbers")
    if labels.size and (labels.min() < 0 or labels.max() > n_classes - 1):
        raise ValueError(f"labels must lie in 0 .. {n_classes - 1}")
    return labels


def class_weights(y, n_classes):
    labels = _int_labels(y, n_classes)
    classes, counts = np.unique(labels, return_counts=True)
    if len(classes) != n_classes:
        missing = sorted(set(range(n_classes)) - set(classes.tolist()))
        raise ValueError(f"classes {missing} never occur in y")
    return labels.size / (n_classes * counts.astype(np.float64))


def _true_class_probability(y_true, probs, weights, eps):
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim not in (1, 2):
        raise ValueError("probs must be (N,) or (N, K)")
    n_classes = 2 if probs.ndim == 1 else probs.shape[1]
    weights = np.asarray(weights, dtype=np.float64)
    if weights.shape != (n_classes,):
        raise ValueError(f"expected {n_classes} class weights, got {weights.shape}")
    if (weights < 0).any():
        raise ValueError("class weights must be non-negative")
    labels = _int_labels(y_true, n_classes)
    if labels.shape[0] != probs.shape[0]:
        raise ValueError("one label per row of probs")
    sample_weight = np.take(weights, labels)
    if sample_weight.sum() == 0:
        raise ValueError("the samples' weights sum to zero")
    if probs.ndim == 1:
        p = np.clip(probs, eps, 1 - eps)
        p_true = np.where(labels == 1, p, 1 - p)
    else:
        picked = np.take_along_axis(probs, labels[:, None], axis=1)[:, 0]
        p_true = np.clip(picked, eps, 1 - eps)
    return labels, p_true, sample_weight


def weighted_cross_entropy(y_true, probs, weights, eps=1e-15):
    _, p_true, sample_weight = _true_class_probability(y_true, probs, weights, eps)
    return float(np.average(-np.log(p_true), weights=sample_weight))


def weighted_cross_entropy_grad(y_true, probs, weights, eps=1e-15):
    labels, p_true, sample_weight = _true_class_probability(y_true, probs, weights, eps)
    d_p_true = -(sample_weight / sample_weight.sum()) / p_true
    probs = np.asarray(probs)
    if probs.ndim == 1:
        sign = np.where(labels == 1, 1.0, -1.0)  # d p_true / d p is +1 for class 1, −1 for 0
        return sign * d_p_true
    grad = np.zeros(probs.shape, dtype=np.float64)
    np.put_along_axis(grad, labels[:, None], d_p_true[:, None], axis=1)
    return grad


def focal_loss(y_true, p_pred, gamma=2.0, alpha=None, eps=1e-15):
    if gamma < 0:
        raise ValueError("gamma must be non-negative")
    if alpha is not None and not (0.0 <= alpha <= 1.0):
        raise ValueError("alpha must be between 0 and 1")
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)
    if y.shape != p.shape:
        raise ValueError("y_true and p_pred must have the same shape")
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("focal loss labels are 0 and 1")
    p = np.clip(p, eps, 1 - eps)
    ce = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * (1 - p_t) ** gamma
    if alpha is not None:
        loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
    return float(loss.mean())
