"""Reference solution for ex7 (categorical cross-entropy and its gradient with respect to the
probabilities) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _as_matrices(y_onehot, probs):
    """Y and P as float64 (N, K) arrays of the same shape."""
    y = np.asarray(y_onehot, dtype=np.float64)
    # float64 before clipping, so eps and the logarithm are applied at full precision.
    p = np.asarray(probs, dtype=np.float64)
    if y.shape != p.shape or y.ndim != 2:
        raise ValueError(
            f"y_onehot and probs must be (N, K) arrays of the same shape, got {y.shape} and "
            f"{p.shape}"
        )
    return y, p


def cross_entropy(y_onehot, probs, eps=1e-15):
    """−(1/N) Σᵢ Σₖ yᵢₖ·log clip(pᵢₖ, eps, 1): the mean over the N rows (samples)."""
    y, p = _as_matrices(y_onehot, probs)
    # A probability of exactly 0 would give log 0 = −inf: inf for the true class, and
    # 0·(−inf) = NaN for any other class. The clip keeps every term finite; a zero on the
    # true class then costs −log(eps) ≈ 34.5 for the default eps.
    p = np.clip(p, eps, 1.0)
    # Σₖ within a row picks (for one-hot y) the log-probability of the true class; the loss
    # is the mean of those per-sample costs over the rows, not over all N·K entries.
    per_sample = -np.sum(y * np.log(p), axis=1)
    return float(np.mean(per_sample))


def cross_entropy_grad(y_onehot, probs):
    """∂ cross_entropy / ∂P = −Y / (N·P), where the clip does nothing (eps < p ≤ 1)."""
    y, p = _as_matrices(y_onehot, probs)
    n = y.shape[0]
    # Each pᵢₖ appears in one term, −(1/N)·yᵢₖ·log pᵢₖ, whose derivative is −yᵢₖ/(N·pᵢₖ):
    # zero for the classes a one-hot row does not select, and large when the true class got a
    # small probability. (0 − y rather than −y: the classes a row does not select then get
    # +0.0, not −0.0, which reads better in a report.)
    return (0.0 - y) / (n * p)


# --- Mistakes: each is the reference with one change -------------------------------------


def _no_clipping(y_onehot, probs, eps=1e-15):
    y, p = _as_matrices(y_onehot, probs)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(-np.sum(y * np.log(p), axis=1)))


def _ignores_eps(y_onehot, probs, eps=1e-15):
    y, p = _as_matrices(y_onehot, probs)
    p = np.clip(p, 1e-15, 1.0)  # the eps argument is never used
    return float(np.mean(-np.sum(y * np.log(p), axis=1)))


def _sum_over_rows(y_onehot, probs, eps=1e-15):
    y, p = _as_matrices(y_onehot, probs)
    p = np.clip(p, eps, 1.0)
    return float(-np.sum(y * np.log(p)))


def _mean_over_all_elements(y_onehot, probs, eps=1e-15):
    y, p = _as_matrices(y_onehot, probs)
    p = np.clip(p, eps, 1.0)
    return float(-np.mean(y * np.log(p)))  # divides by N·K


def _grad_wrong_sign(y_onehot, probs):
    y, p = _as_matrices(y_onehot, probs)
    return y / (y.shape[0] * p)


def _grad_missing_one_over_n(y_onehot, probs):
    y, p = _as_matrices(y_onehot, probs)
    return -y / p


def _grad_over_all_elements(y_onehot, probs):
    y, p = _as_matrices(y_onehot, probs)
    return -y / (y.size * p)


MISTAKES = {
    "no-clipping": {"cross_entropy": _no_clipping},
    "ignores-eps": {"cross_entropy": _ignores_eps},
    "sum-over-rows": {"cross_entropy": _sum_over_rows},
    "mean-over-all-elements": {"cross_entropy": _mean_over_all_elements},
    "grad-wrong-sign": {"cross_entropy_grad": _grad_wrong_sign},
    "grad-missing-1-over-n": {"cross_entropy_grad": _grad_missing_one_over_n},
    "grad-over-all-elements": {"cross_entropy_grad": _grad_over_all_elements},
}
