"""Reference solution for ex10 (the gradient of softmax cross-entropy with respect to the
logits) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _inputs(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    if z.ndim != 2:
        raise ValueError(f"logits must be a 2-D array (N, K), got shape {z.shape}")
    if y.shape != (z.shape[0],):
        raise ValueError(f"labels must have shape ({z.shape[0]},), got {y.shape}")
    if y.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers (class indices), got dtype {y.dtype}")
    if np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError(f"labels must lie in 0 … {z.shape[1] - 1}")
    return z, y.astype(np.intp)


def _softmax(z, axis=1):
    # Subtracting the maximum changes nothing mathematically (softmax is shift invariant) and
    # keeps every exponent ≤ 0: no exp(1000) = inf, and inf/inf = NaN, on large logits.
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_cross_entropy_grad(logits, labels):
    """∂/∂Z of mean(logsumexp(zᵢ) − zᵢ[yᵢ]) = (softmax(Z) − onehot(y)) / N."""
    z, y = _inputs(logits, labels)
    n = z.shape[0]
    # Per row, ∂/∂zₖ logsumexp(z) = softmax(z)ₖ and ∂/∂zₖ z_y = [k = y]: the chain rule through
    # the log and the softmax collapses to p − onehot(y). The mean over rows divides by N.
    grad = _softmax(z)
    grad[np.arange(n), y] -= 1.0
    return grad / n


def softmax_cross_entropy(logits, labels):
    """The loss of ex9, given here (not written by the learner): mean(logsumexp(zᵢ) − zᵢ[yᵢ]).
    The grader takes its central differences to check the learner's gradient."""
    z, y = _inputs(logits, labels)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]
    return float(np.mean(lse - z[np.arange(z.shape[0]), y]))


# --- Mistakes: each is the reference with one change -------------------------------------


def _onehot(y, k):
    out = np.zeros((y.size, k))
    out[np.arange(y.size), y] = 1.0
    return out


def _no_max_subtraction(logits, labels):
    z, y = _inputs(logits, labels)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(z)  # exp(1000) = inf, and inf / inf = NaN
        p = e / e.sum(axis=1, keepdims=True)
    return (p - _onehot(y, z.shape[1])) / z.shape[0]


def _softmax_over_batch(logits, labels):
    z, y = _inputs(logits, labels)
    return (_softmax(z, axis=0) - _onehot(y, z.shape[1])) / z.shape[0]


def _forgets_onehot(logits, labels):
    z, _ = _inputs(logits, labels)
    return _softmax(z) / z.shape[0]


def _wrong_sign(logits, labels):
    z, y = _inputs(logits, labels)
    return (_onehot(y, z.shape[1]) - _softmax(z)) / z.shape[0]


def _missing_1_over_n(logits, labels):
    z, y = _inputs(logits, labels)
    return _softmax(z) - _onehot(y, z.shape[1])


MISTAKES = {
    "no-max-subtraction": {"softmax_cross_entropy_grad": _no_max_subtraction},
    "softmax-over-batch": {"softmax_cross_entropy_grad": _softmax_over_batch},
    "forgets-onehot": {"softmax_cross_entropy_grad": _forgets_onehot},
    "wrong-sign": {"softmax_cross_entropy_grad": _wrong_sign},
    "missing-1-over-n": {"softmax_cross_entropy_grad": _missing_1_over_n},
}
