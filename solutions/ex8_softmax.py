"""Reference solution for ex8 (softmax and log-softmax, numerically stable) and the mistakes
lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _as_logits(logits):
    z = np.asarray(logits, dtype=np.float64)
    if z.ndim == 0:
        raise ValueError("logits must have at least one axis (the classes)")
    return z


def softmax(logits):
    """exp(zₖ) / Σⱼ exp(zⱼ) along the last axis, computed without overflow."""
    z = _as_logits(logits)
    # softmax(z) = softmax(z − c) for any constant c per row. With c = the row's maximum, the
    # largest exponent is exp(0) = 1: nothing overflows (exp(1000) would be inf, and inf/inf
    # NaN), and the sum is at least 1, so it never underflows to 0 either. A −inf logit gives
    # exp(−inf) = 0, a probability of exactly 0. keepdims=True keeps the per-row maximum and
    # sum as (…, 1) arrays that broadcast along the last axis.
    m = np.max(z, axis=-1, keepdims=True)
    e = np.exp(z - m)
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(logits):
    """zₖ − log Σⱼ exp(zⱼ) along the last axis (the log-sum-exp trick)."""
    z = _as_logits(logits)
    # log softmax(z) = (z − m) − log Σ exp(z − m). Working in logs avoids ever forming a
    # probability that underflows to 0: for z = [1000, 0, −1000] the last log-probability is
    # −2000, although its probability, e^−2000, is 0 in float64 and log(0) would be −inf.
    m = np.max(z, axis=-1, keepdims=True)
    shifted = z - m
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


# --- Mistakes: each is the reference with one change -------------------------------------


def _softmax_no_max(logits):
    z = _as_logits(logits)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(z)  # exp(1000) = inf; inf / inf = NaN, and exp(−1000) = 0 gives 0 / 0
        return e / np.sum(e, axis=-1, keepdims=True)


def _log_softmax_no_max(logits):
    z = _as_logits(logits)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))


def _log_of_softmax(logits):
    # Correct softmax, then log: a probability that underflowed to 0 becomes −inf.
    with np.errstate(divide="ignore"):
        return np.log(softmax(logits))


def _softmax_axis_0(logits):
    z = _as_logits(logits)
    m = np.max(z, axis=0, keepdims=True)
    e = np.exp(z - m)
    return e / np.sum(e, axis=0, keepdims=True)


def _log_softmax_axis_0(logits):
    z = _as_logits(logits)
    shifted = z - np.max(z, axis=0, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))


def _softmax_whole_array(logits):
    z = _as_logits(logits)
    e = np.exp(z - np.max(z))
    return e / np.sum(e)  # one distribution over every entry, not one per row


def _log_softmax_whole_array(logits):
    z = _as_logits(logits)
    shifted = z - np.max(z)
    return shifted - np.log(np.sum(np.exp(shifted)))


def _softmax_divides_by_max(logits):
    z = _as_logits(logits)
    # exp(z) / exp(max) = exp(z − max): the shift was taken for the normalisation.
    return np.exp(z - np.max(z, axis=-1, keepdims=True))


def _log_softmax_divides_by_max(logits):
    z = _as_logits(logits)
    return z - np.max(z, axis=-1, keepdims=True)


def _softmax_no_keepdims(logits):
    z = _as_logits(logits)
    # (n, k) − (n,) broadcasts along the last axis: a ValueError unless n == k, and a wrong
    # answer (column j shifted by row j's maximum) when n == k.
    e = np.exp(z - np.max(z, axis=-1))
    return e / np.sum(e, axis=-1)


def _log_softmax_no_keepdims(logits):
    z = _as_logits(logits)
    shifted = z - np.max(z, axis=-1)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1))


MISTAKES = {
    # Before no-max-subtraction: that variant's log_softmax is ±inf wherever it is wrong, and
    # the comparison of the diagnosis treats an infinite value as close to anything (see
    # lossdrill/compare.py close_mask), so listed first it would also claim this mistake.
    "log-of-softmax": {"log_softmax": _log_of_softmax},
    "no-max-subtraction": {"softmax": _softmax_no_max, "log_softmax": _log_softmax_no_max},
    "forgets-keepdims": {"softmax": _softmax_no_keepdims, "log_softmax": _log_softmax_no_keepdims},
    "wrong-axis": {"softmax": _softmax_axis_0, "log_softmax": _log_softmax_axis_0},
    "normalises-over-whole-array": {
        "softmax": _softmax_whole_array,
        "log_softmax": _log_softmax_whole_array,
    },
    "divides-by-max": {
        "softmax": _softmax_divides_by_max,
        "log_softmax": _log_softmax_divides_by_max,
    },
}
