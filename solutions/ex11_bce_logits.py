"""Reference solution for ex11 (binary cross-entropy on logits, and its gradient) and the
mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _inputs(y_true, logits):
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    if y.shape != z.shape:
        raise ValueError(f"y_true and logits must have the same shape, got {y.shape} and "
                         f"{z.shape}")
    return y, z


def _sigmoid(z):
    # σ(z) = 1/(1 + e^−z) for z ≥ 0 and e^z/(1 + e^z) for z < 0: both written with e^−|z| ≤ 1,
    # so neither branch overflows (1/(1 + e^1000) would, with a warning, and e^z/(1 + e^z) at
    # z = 1000 is inf/inf = NaN).
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def bce_with_logits(y_true, logits):
    """mean(max(z, 0) − z·y + log(1 + e^−|z|)), the BCE of σ(z) without ever forming σ(z)."""
    y, z = _inputs(y_true, logits)
    # −[y·log σ(z) + (1 − y)·log(1 − σ(z))] simplifies to softplus(z) − z·y, using
    # log σ(z) = −softplus(−z) and log(1 − σ(z)) = −softplus(z). And softplus(z) =
    # log(1 + e^z) = max(z, 0) + log(1 + e^−|z|): the exponent is ≤ 0, so e^1000 never appears,
    # and log1p keeps the digits of log(1 + tiny).
    return float(np.mean(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))))


def bce_with_logits_grad(y_true, logits):
    """∂/∂z of bce_with_logits: (σ(z) − y)/N, N the number of entries."""
    y, z = _inputs(y_true, logits)
    # d/dz [softplus(z) − z·y] = σ(z) − y; the mean divides by the number of entries.
    return (_sigmoid(z) - y) / z.size


# --- Mistakes: each is the reference with one change -------------------------------------


def _naive_log_sigmoid(y_true, logits):
    y, z = _inputs(y_true, logits)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1.0 / (1.0 + np.exp(-z))  # exactly 1.0 at z = 1000, exactly 0.0 at z = −1000
        return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def _wrong_sign_zy(y_true, logits):
    y, z = _inputs(y_true, logits)
    return float(np.mean(np.maximum(z, 0.0) + z * y + np.log1p(np.exp(-np.abs(z)))))


def _softplus(x):
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _labels_plus_minus_one_loss(y_true, logits):
    # log(1 + e^(−y·z)) is the logistic loss for labels y in {−1, +1}; with y in {0, 1} every
    # negative sample costs log 2 whatever its logit.
    y, z = _inputs(y_true, logits)
    return float(np.mean(_softplus(-y * z)))


def _labels_plus_minus_one_grad(y_true, logits):
    y, z = _inputs(y_true, logits)
    return -y * _sigmoid(-y * z) / z.size


def _grad_wrong_sign(y_true, logits):
    y, z = _inputs(y_true, logits)
    return (y - _sigmoid(z)) / z.size


def _grad_extra_sigmoid_factor(y_true, logits):
    y, z = _inputs(y_true, logits)
    s = _sigmoid(z)
    return (s - y) * s * (1.0 - s) / z.size  # σ'(z) once too often


def _grad_sigmoid_derivative(y_true, logits):
    y, z = _inputs(y_true, logits)
    s = _sigmoid(z)
    return s * (1.0 - s) / z.size  # the derivative of σ, not of the loss


def _grad_missing_1_over_n(y_true, logits):
    y, z = _inputs(y_true, logits)
    return _sigmoid(z) - y


MISTAKES = {
    "naive-log-sigmoid": {"bce_with_logits": _naive_log_sigmoid},
    "wrong-sign-zy": {"bce_with_logits": _wrong_sign_zy},
    "labels-plus-minus-one": {
        "bce_with_logits": _labels_plus_minus_one_loss,
        "bce_with_logits_grad": _labels_plus_minus_one_grad,
    },
    "grad-sigmoid-derivative": {"bce_with_logits_grad": _grad_sigmoid_derivative},
    "grad-extra-sigmoid-factor": {"bce_with_logits_grad": _grad_extra_sigmoid_factor},
    "grad-wrong-sign": {"bce_with_logits_grad": _grad_wrong_sign},
    "grad-missing-1-over-n": {"bce_with_logits_grad": _grad_missing_1_over_n},
}
