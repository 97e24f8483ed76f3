"""Reference solution for ex17 (inverted dropout) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
The learner and the reference each receive a fresh generator with the same seed, so the same
calls draw the same numbers.
"""

import numpy as np


def _check_rate(p):
    # p = 1 would drop everything and divide by 1 − p = 0; a negative p or one above 1 is
    # not a probability.
    if not 0.0 <= p < 1.0:
        raise ValueError(f"the drop probability p must be in [0, 1), got {p}")


def dropout(x, p, rng):
    """Inverted dropout: zero each entry with probability p, scale the rest by 1/(1 − p)."""
    _check_rate(p)
    x = np.asarray(x, dtype=np.float64)
    # Exactly one draw, of x's shape, also when p = 0 (then every entry is kept): the mask is
    # then the same for anyone who follows the contract.
    keep = rng.random(x.shape) >= p
    # Dividing by the keep probability 1 − p makes E[output] = x, so the layer after dropout
    # sees activations of the same size in training as at test time, when dropout is off.
    return x * keep / (1.0 - p)


# --- Mistakes: each is the reference with one change -------------------------------------


def _no_p_check(x, p, rng):
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(x.shape) >= p
    with np.errstate(divide="ignore", invalid="ignore"):
        return x * keep / (1.0 - p)


def _mask_inverted(x, p, rng):
    _check_rate(p)
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(x.shape) < p  # keeps with probability p: drops 1 − p
    return x * keep / (1.0 - p)


def _no_rescale(x, p, rng):
    _check_rate(p)
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(x.shape) >= p
    return x * keep


def _scales_by_1_over_p(x, p, rng):
    _check_rate(p)
    x = np.asarray(x, dtype=np.float64)
    keep = rng.random(x.shape) >= p
    with np.errstate(divide="ignore", invalid="ignore"):
        return x * keep / p


def _mask_from_binomial(x, p, rng):
    # The right distribution (keep with probability 1 − p), drawn with another call: the
    # numbers differ from rng.random's.
    _check_rate(p)
    x = np.asarray(x, dtype=np.float64)
    keep = rng.binomial(1, 1.0 - p, size=x.shape)
    return x * keep / (1.0 - p)


def _draws_in_column_order(x, p, rng):
    # The same draws, assigned column by column (Fortran order) instead of row by row.
    _check_rate(p)
    x = np.asarray(x, dtype=np.float64)
    draws = rng.random(x.shape[::-1]).T
    keep = draws >= p
    return x * keep / (1.0 - p)


MISTAKES = {
    "no-p-check": {"dropout": _no_p_check},
    "mask-inverted": {"dropout": _mask_inverted},
    "no-rescale": {"dropout": _no_rescale},
    "scales-by-1-over-p": {"dropout": _scales_by_1_over_p},
    "mask-from-binomial": {"dropout": _mask_from_binomial},
    "draws-in-column-order": {"dropout": _draws_in_column_order},
}
