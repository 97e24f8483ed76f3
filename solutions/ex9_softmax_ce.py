"""Reference solution for ex9 (softmax cross-entropy) and the mistakes lossdrill diagnoses.

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


def softmax_cross_entropy(logits, labels):
    """mean over rows of −log softmax(z)[label] = mean(logsumexp(z) − z[label])."""
    z, y = _inputs(logits, labels)
    rows = np.arange(z.shape[0])
    # log Σⱼ exp(zⱼ) = m + log Σⱼ exp(zⱼ − m) with m the row's maximum: every exponent is then
    # ≤ 0, so nothing overflows, and the largest term is exp(0) = 1, so the sum is ≥ 1 and its
    # log never sees 0 (no −∞ even when the other logits are 1000 below the maximum).
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    # −log softmax(z)[y] = logsumexp(z) − z[y]: computed as a difference of logits, never as the
    # log of a probability that may have underflowed to 0.
    return float(np.mean(lse - z[rows, y]))


# --- Mistakes: each is the reference with one change -------------------------------------


def _no_max_subtraction(logits, labels):
    z, y = _inputs(logits, labels)
    rows = np.arange(z.shape[0])
    # exp(1000) = inf, and exp(−1000) = 0 for every entry of a row gives log(0) = −inf.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        lse = np.log(np.sum(np.exp(z), axis=1))
        return float(np.mean(lse - z[rows, y]))


def _naive_log_softmax(logits, labels):
    z, y = _inputs(logits, labels)
    rows = np.arange(z.shape[0])
    # A stable softmax, then its log: a probability that underflowed to 0 gives −log 0 = inf.
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore"):
        return float(np.mean(-np.log(p[rows, y])))


def _max_prob_instead_of_label(logits, labels):
    z, _ = _inputs(logits, labels)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return float(np.mean(lse - m))  # −log of the largest probability, whatever the label


def _softmax_over_batch(logits, labels):
    z, y = _inputs(logits, labels)
    rows = np.arange(z.shape[0])
    m = z.max(axis=0)  # normalised down each column (over the samples), not along the row
    lse = m + np.log(np.sum(np.exp(z - m[None, :]), axis=0))
    return float(np.mean(lse[y] - z[rows, y]))


def _sum_instead_of_mean(logits, labels):
    z, y = _inputs(logits, labels)
    rows = np.arange(z.shape[0])
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return float(np.sum(lse - z[rows, y]))


MISTAKES = {
    "no-max-subtraction": {"softmax_cross_entropy": _no_max_subtraction},
    "naive-log-softmax": {"softmax_cross_entropy": _naive_log_softmax},
    "max-prob-instead-of-label": {"softmax_cross_entropy": _max_prob_instead_of_label},
    "softmax-over-batch": {"softmax_cross_entropy": _softmax_over_batch},
    "sum-instead-of-mean": {"softmax_cross_entropy": _sum_instead_of_mean},
}
