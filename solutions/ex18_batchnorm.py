"""Reference solution for ex18 (batch normalisation, training-mode forward pass) and the
mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _arrays(x, gamma, beta):
    return (np.asarray(x, dtype=np.float64), np.asarray(gamma, dtype=np.float64),
            np.asarray(beta, dtype=np.float64))


def batchnorm(x, gamma, beta, eps=1e-5):
    """γ·(x − mean)/√(var + eps) + β, with mean and var per feature over the batch (axis 0)."""
    x, gamma, beta = _arrays(x, gamma, beta)
    # Statistics per feature (column), over the N samples of the batch: shape (D,).
    mean = x.mean(axis=0)
    centered = x - mean
    # Two passes: centre first, then square. The biased variance (divide by N, ddof=0) is the
    # batch's own spread, which is what training-mode batch normalisation uses.
    var = np.mean(centered**2, axis=0)
    # eps inside the square root keeps a constant feature (var = 0) finite.
    x_hat = centered / np.sqrt(var + eps)
    # γ and β give back the scale and shift the network may need: with γ = √(var + eps) and
    # β = mean, the layer could even undo the normalisation.
    return gamma * x_hat + beta


# --- Mistakes: each is the reference with one change -------------------------------------


def _unbiased_variance(x, gamma, beta, eps=1e-5):
    x, gamma, beta = _arrays(x, gamma, beta)
    centered = x - x.mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        # np.var(x, axis=0, ddof=1): N − 1, which is 0/0 = NaN for a single sample.
        var = np.sum(centered**2, axis=0) / np.float64(x.shape[0] - 1)
        return gamma * centered / np.sqrt(var + eps) + beta


def _normalises_over_features(x, gamma, beta, eps=1e-5):
    # Statistics per sample (axis 1), which is layer normalisation, not batch normalisation.
    x, gamma, beta = _arrays(x, gamma, beta)
    mean = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _eps_outside_sqrt(x, gamma, beta, eps=1e-5):
    x, gamma, beta = _arrays(x, gamma, beta)
    mean, var = x.mean(axis=0), x.var(axis=0)
    return gamma * (x - mean) / (np.sqrt(var) + eps) + beta


def _divides_by_variance(x, gamma, beta, eps=1e-5):
    x, gamma, beta = _arrays(x, gamma, beta)
    mean, var = x.mean(axis=0), x.var(axis=0)
    return gamma * (x - mean) / (var + eps) + beta


def _ignores_gamma_beta(x, gamma, beta, eps=1e-5):
    x, gamma, beta = _arrays(x, gamma, beta)
    mean, var = x.mean(axis=0), x.var(axis=0)
    return (x - mean) / np.sqrt(var + eps)


def _one_pass_variance(x, gamma, beta, eps=1e-5):
    # var = E[x²] − E[x]²: right on paper, but when the mean is large compared with the
    # spread the two terms nearly cancel and float64 loses every digit (even the sign).
    x, gamma, beta = _arrays(x, gamma, beta)
    mean = np.mean(x, axis=0)
    var = np.mean(x**2, axis=0) - mean**2
    with np.errstate(invalid="ignore"):
        return gamma * (x - mean) / np.sqrt(var + eps) + beta


MISTAKES = {
    "unbiased-variance": {"batchnorm": _unbiased_variance},
    "normalises-over-features": {"batchnorm": _normalises_over_features},
    "eps-outside-sqrt": {"batchnorm": _eps_outside_sqrt},
    "divides-by-variance": {"batchnorm": _divides_by_variance},
    "ignores-gamma-beta": {"batchnorm": _ignores_gamma_beta},
    "one-pass-variance": {"batchnorm": _one_pass_variance},
}
