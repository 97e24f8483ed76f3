# lossdrill: ex27
# heldout: weights-indexed-by-other-class — in the binary case each sample gets the weight of the other class (weights[1 − y])
import numpy as np


def _one_hot(y, k):
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError("labels must be one-dimensional")
    as_int = np.rint(y).astype(int)
    if not np.array_equal(as_int, y) or as_int.min(initial=0) < 0 or as_int.max(initial=0) >= k:
        raise ValueError("labels must be whole numbers from 0 to k - 1")
    return np.eye(k)[as_int]


def class_weights(y, n_classes):
    Y = _one_hot(y, n_classes)
    counts = Y.sum(axis=0)
    if np.any(counts == 0):
        raise ValueError("a class never occurs")
    return Y.shape[0] / (n_classes * counts)


def _columns(probs):
    P = np.asarray(probs, dtype=np.float64)
    return (np.column_stack([1.0 - P, P]), True) if P.ndim == 1 else (P, False)


def _setup(y_true, probs, weights):
    P, binary = _columns(probs)
    weights = np.asarray(weights, dtype=np.float64)
    if weights.shape != (P.shape[1],) or np.any(weights < 0):
        raise ValueError("one non-negative weight per class")
    Y = _one_hot(y_true, P.shape[1])
    if Y.shape[0] != P.shape[0]:
        raise ValueError("as many labels as rows of probabilities")
    w = Y @ (weights[::-1] if binary else weights)
    if w.sum() <= 0:
        raise ValueError("the weights of the samples sum to zero")
    return Y, P, w, binary


def weighted_cross_entropy(y_true, probs, weights, eps=1e-15):
    Y, P, w, _ = _setup(y_true, probs, weights)
    costs = -np.sum(Y * np.log(np.clip(P, eps, 1 - eps)), axis=1)
    return float(w @ costs / w.sum())


def weighted_cross_entropy_grad(y_true, probs, weights, eps=1e-15):
    Y, P, w, binary = _setup(y_true, probs, weights)
    G = -Y * (w / w.sum())[:, None] / np.clip(P, eps, 1 - eps)
    # Column 1 is p and column 0 is 1 − p: the chain rule gives G[:, 1] − G[:, 0].
    return G[:, 1] - G[:, 0] if binary else G


def focal_loss(y_true, p_pred, gamma=2.0, alpha=None, eps=1e-15):
    if np.shape(y_true) != np.shape(p_pred):
        raise ValueError("y_true and p_pred differ in shape")
    if gamma < 0 or (alpha is not None and not 0 <= alpha <= 1):
        raise ValueError("gamma >= 0 and alpha in [0, 1] please")
    Y = _one_hot(np.ravel(y_true), 2)
    P = np.clip(np.column_stack([1 - np.ravel(p_pred), np.ravel(p_pred)]).astype(float),
                eps, 1 - eps)
    a = np.array([1.0, 1.0]) if alpha is None else np.array([1 - alpha, alpha])
    return float(np.mean(np.sum(-Y * a * (1 - P) ** gamma * np.log(P), axis=1)))
