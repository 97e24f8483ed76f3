"""Reference solution for ex14 (L1 and L2 penalties and their gradients) and the mistakes
lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def l1_penalty(w, lam):
    """lam·Σ|wᵢ| over every element of w (a vector or a matrix of weights)."""
    w = np.asarray(w, dtype=np.float64)
    # A penalty is a sum over the weights, not a mean: adding a weight adds to the cost, and
    # lam keeps the same meaning whatever the model's size.
    return float(lam * np.sum(np.abs(w)))


def l1_grad(w, lam):
    """lam·sign(w), element-wise, with 0 where w is exactly 0."""
    w = np.asarray(w, dtype=np.float64)
    # |w| has a kink at 0, where every value in [−lam, lam] is a subgradient; np.sign picks 0,
    # which leaves a weight that is already 0 where it is (the sparsity L1 is used for).
    return lam * np.sign(w)


def l2_penalty(w, lam):
    """½·lam·Σwᵢ² over every element of w."""
    w = np.asarray(w, dtype=np.float64)
    # The ½ is there so that the gradient is lam·w, without a 2.
    return float(0.5 * lam * np.sum(w**2))


def l2_grad(w, lam):
    """lam·w: the gradient of ½·lam·Σwᵢ² (weight decay)."""
    w = np.asarray(w, dtype=np.float64)
    return lam * w


# --- Mistakes: each is the reference with one change -------------------------------------


def _l2_no_half_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(lam * np.sum(w**2))


def _l2_no_half_grad(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return 2.0 * lam * w


def _norm_not_squared(w, lam):
    # np.linalg.norm is √Σw², so without ** 2 the penalty grows linearly, not quadratically.
    w = np.asarray(w, dtype=np.float64)
    return float(0.5 * lam * np.sqrt(np.sum(w**2)))


def _l1_grad_nan_at_zero(w, lam):
    # w/|w| is the sign everywhere except at 0, where it is 0/0 = NaN.
    w = np.asarray(w, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return lam * (w / np.abs(w))


def _l1_grad_one_at_zero(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return lam * np.where(w >= 0.0, 1.0, -1.0)


def _mean_l1_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(lam * np.mean(np.abs(w)))


def _mean_l2_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(0.5 * lam * np.mean(w**2))


MISTAKES = {
    "l2-no-half": {"l2_penalty": _l2_no_half_penalty, "l2_grad": _l2_no_half_grad},
    "norm-not-squared": {"l2_penalty": _norm_not_squared},
    "l1-grad-nan-at-zero": {"l1_grad": _l1_grad_nan_at_zero},
    "l1-grad-one-at-zero": {"l1_grad": _l1_grad_one_at_zero},
    "mean-instead-of-sum": {"l1_penalty": _mean_l1_penalty, "l2_penalty": _mean_l2_penalty},
}
