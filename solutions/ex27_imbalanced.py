"""Reference solution for ex27 (losses for imbalanced classes: "balanced" class weights, the
class-weighted cross-entropy and its gradient, the focal loss) and the mistakes lossdrill
diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _labels(y, n_classes):
    """Labels as integers 0 … n_classes − 1; floats are accepted when they are whole."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"labels must be a 1-D array, got shape {y.shape}")
    values = y.astype(np.float64)
    bad = (values != np.round(values)) | (values < 0) | (values >= n_classes)
    if bad.any():
        raise ValueError(f"labels must be integers 0 … {n_classes - 1}, got "
                         f"{np.unique(values[bad])[:5].tolist()}")
    return values.astype(np.int64)


def class_weights(y, n_classes):
    """scikit-learn's "balanced" weights: N / (n_classes · n_c) for each class c."""
    y = _labels(y, n_classes)
    counts = np.bincount(y, minlength=n_classes)
    # A class that never occurs would get an infinite weight; scikit-learn's
    # compute_class_weight refuses it too ("classes should have valid labels that are in y").
    if (counts == 0).any():
        raise ValueError(f"class(es) {np.flatnonzero(counts == 0).tolist()} do not occur in y: "
                         "their balanced weight would be infinite")
    # The weights average to 1 over the samples (Σᵢ w_yᵢ = N): each class carries N/K of the
    # total weight, whatever its size.
    return y.size / (n_classes * counts.astype(np.float64))


def _inputs(y_true, probs, weights):
    """Labels, the (N, K) matrix of class probabilities, and the weights, checked. A 1-D probs
    is binary: the probability of class 1, whose complement is class 0's."""
    probs = np.asarray(probs, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    if probs.ndim not in (1, 2):
        raise ValueError(f"probs must be (N,) or (N, K), got shape {probs.shape}")
    k = 2 if probs.ndim == 1 else probs.shape[1]
    if weights.shape != (k,):
        raise ValueError(f"expected {k} class weights, got shape {weights.shape}")
    if (weights < 0).any():
        raise ValueError("class weights must not be negative")
    y = _labels(y_true, k)
    if y.shape[0] != probs.shape[0]:
        raise ValueError(f"{y.shape[0]} labels for {probs.shape[0]} predictions")
    return y, probs, weights


def _true_class_probability(y, probs, eps):
    """p̃ᵢ = clip(pᵢ,yᵢ, eps, 1 − eps): the clipped probability each sample's true class got."""
    p = np.clip(probs, eps, 1.0 - eps)
    if p.ndim == 1:
        return np.where(y == 1, p, 1.0 - p)
    return p[np.arange(y.size), y]


def weighted_cross_entropy(y_true, probs, weights, eps=1e-15):
    """Σᵢ w_yᵢ·(−log p̃ᵢ) / Σᵢ w_yᵢ: the weighted mean of the per-sample cross-entropy."""
    y, probs, weights = _inputs(y_true, probs, weights)
    w = weights[y]
    total = w.sum()
    if not total > 0:
        raise ValueError("the samples' weights sum to 0: there is nothing to average")
    # Normalised by the sum of the weights, not by N, as scikit-learn's log_loss with
    # sample_weight and PyTorch's weighted cross_entropy do: the loss stays an average cost,
    # and scaling every weight by the same factor changes nothing.
    return float(np.sum(w * -np.log(_true_class_probability(y, probs, eps))) / total)


def weighted_cross_entropy_grad(y_true, probs, weights, eps=1e-15):
    """∂/∂probs of weighted_cross_entropy, at the clipped probabilities p̃."""
    y, probs, weights = _inputs(y_true, probs, weights)
    w = weights[y]
    total = w.sum()
    if not total > 0:
        raise ValueError("the samples' weights sum to 0: there is nothing to average")
    p = np.clip(probs, eps, 1.0 - eps)
    if p.ndim == 1:
        # −log p for y = 1 and −log(1 − p) for y = 0: derivatives −1/p and +1/(1 − p).
        return -w / total * np.where(y == 1, 1.0 / p, -1.0 / (1.0 - p))
    grad = np.zeros_like(p)
    rows = np.arange(y.size)
    grad[rows, y] = -w / (total * p[rows, y])
    return grad


def _binary(y_true, p_pred):
    p = np.asarray(p_pred, dtype=np.float64)
    y = np.asarray(y_true, dtype=np.float64)
    if y.shape != p.shape:
        raise ValueError(f"y_true has shape {y.shape} but p_pred {p.shape}")
    if not np.all((y == 0.0) | (y == 1.0)):
        raise ValueError("the focal loss is binary: labels must be 0 or 1")
    return y, p


def _focal_parameters(gamma, alpha):
    if not gamma >= 0:
        raise ValueError(f"gamma must be >= 0, got {gamma}")
    if alpha is not None and not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be in [0, 1] (or None), got {alpha}")


def focal_loss(y_true, p_pred, gamma=2.0, alpha=None, eps=1e-15):
    """mean of −α_t·(1 − p_t)^γ·log p_t (Lin et al. 2017), p_t the true class's probability."""
    y, p = _binary(y_true, p_pred)
    _focal_parameters(gamma, alpha)
    p = np.clip(p, eps, 1.0 - eps)
    p_t = np.where(y == 1.0, p, 1.0 - p)
    # (1 − p_t)^γ is near 0 for samples already classified with confidence, so the loss
    # attends to the hard ones; α_t weights the classes: α for y = 1, 1 − α for y = 0.
    alpha_t = 1.0 if alpha is None else np.where(y == 1.0, alpha, 1.0 - alpha)
    return float(np.mean(-alpha_t * (1.0 - p_t) ** gamma * np.log(p_t)))


# --- Mistakes: each is the reference with one change -------------------------------------


def _balanced_without_k(y, n_classes):
    y = _labels(y, n_classes)
    counts = np.bincount(y, minlength=n_classes)
    if (counts == 0).any():
        raise ValueError("a class does not occur in y")
    return y.size / counts.astype(np.float64)


def _frequencies_not_inverse(y, n_classes):
    y = _labels(y, n_classes)
    counts = np.bincount(y, minlength=n_classes)
    if (counts == 0).any():
        raise ValueError("a class does not occur in y")
    return counts.astype(np.float64) / y.size


def _absent_class_not_refused(y, n_classes):
    y = _labels(y, n_classes)
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    with np.errstate(divide="ignore"):
        return y.size / (n_classes * counts)  # inf for a class that never occurs


def _mean_over_n(y_true, probs, weights, eps=1e-15):
    y, probs, weights = _inputs(y_true, probs, weights)
    w = weights[y]
    if not w.sum() > 0:
        raise ValueError("the samples' weights sum to 0")
    return float(np.sum(w * -np.log(_true_class_probability(y, probs, eps))) / y.size)


def _no_clipping(y_true, probs, weights, eps=1e-15):
    y, probs, weights = _inputs(y_true, probs, weights)
    w = weights[y]
    if not w.sum() > 0:
        raise ValueError("the samples' weights sum to 0")
    if probs.ndim == 1:
        p_true = np.where(y == 1, probs, 1.0 - probs)
    else:
        p_true = probs[np.arange(y.size), y]
    with np.errstate(divide="ignore"):
        return float(np.sum(w * -np.log(p_true)) / w.sum())


def _grad_variant(*, weighted=True, sign=1.0):
    def grad(y_true, probs, weights, eps=1e-15):
        y, probs, weights = _inputs(y_true, probs, weights)
        w = weights[y]
        if not w.sum() > 0:
            raise ValueError("the samples' weights sum to 0")
        if not weighted:
            w = np.ones(y.size)
        total = w.sum()
        p = np.clip(probs, eps, 1.0 - eps)
        if p.ndim == 1:
            return sign * -w / total * np.where(y == 1, 1.0 / p, -1.0 / (1.0 - p))
        out = np.zeros_like(p)
        rows = np.arange(y.size)
        out[rows, y] = sign * -w / (total * p[rows, y])
        return out
    return grad


def _focal_variant(*, factor_of_p=False, alpha_mode="right"):
    def focal(y_true, p_pred, gamma=2.0, alpha=None, eps=1e-15):
        y, p = _binary(y_true, p_pred)
        _focal_parameters(gamma, alpha)
        p = np.clip(p, eps, 1.0 - eps)
        p_t = np.where(y == 1.0, p, 1.0 - p)
        factor = (1.0 - p) ** gamma if factor_of_p else (1.0 - p_t) ** gamma
        if alpha is None:
            alpha_t = 1.0
        elif alpha_mode == "both":
            alpha_t = alpha
        elif alpha_mode == "swapped":
            alpha_t = np.where(y == 1.0, 1.0 - alpha, alpha)
        else:
            alpha_t = np.where(y == 1.0, alpha, 1.0 - alpha)
        return float(np.mean(-alpha_t * factor * np.log(p_t)))
    return focal


MISTAKES = {
    "balanced-without-k": {"class_weights": _balanced_without_k},
    "frequencies-not-inverse": {"class_weights": _frequencies_not_inverse},
    "absent-class-not-refused": {"class_weights": _absent_class_not_refused},
    "mean-over-n": {"weighted_cross_entropy": _mean_over_n},
    "no-clipping": {"weighted_cross_entropy": _no_clipping},
    "grad-ignores-weights": {"weighted_cross_entropy_grad": _grad_variant(weighted=False)},
    "grad-wrong-sign": {"weighted_cross_entropy_grad": _grad_variant(sign=-1.0)},
    "focal-factor-wrong-class": {"focal_loss": _focal_variant(factor_of_p=True)},
    "alpha-both-classes": {"focal_loss": _focal_variant(alpha_mode="both")},
    "alpha-swapped": {"focal_loss": _focal_variant(alpha_mode="swapped")},
}
