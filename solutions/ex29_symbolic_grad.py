"""Reference solution for ex29 (the derivative of the log-cosh loss worked out by hand, and the
error of central differences against an exact gradient over a range of steps) and the mistakes
lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _residuals(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    # NumPy would broadcast an (N, 1) column against an (N,) vector into an (N, N) matrix.
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    return y_pred - y_true


def logcosh(y_true, y_pred):
    """(1/N) Σ log cosh(ŷ − y), given to the learner: the loss whose derivative they write."""
    r = _residuals(y_true, y_pred)
    a = np.abs(r)
    # log cosh r = |r| + log(1 + e^(−2|r|)) − log 2: cosh itself overflows beyond |r| ≈ 710.
    return float(np.mean(a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)))


def logcosh_grad(y_true, y_pred):
    """∂/∂ŷ of logcosh: tanh(ŷ − y)/N, an array of y_pred's shape."""
    r = _residuals(y_true, y_pred)
    # d/dr log(cosh r) = (1/cosh r)·sinh r = tanh r, by the chain rule; ∂r/∂ŷ = 1, and the
    # mean brings the 1/N. np.tanh saturates at ±1 where sinh/cosh would be ∞/∞.
    return np.tanh(r) / r.size


def _checked(x, grad, steps):
    x = np.asarray(x, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    steps = np.asarray(steps, dtype=np.float64)
    if grad.shape != x.shape:
        raise ValueError(f"grad must have x's shape {x.shape}, got {grad.shape}")
    if steps.ndim != 1:
        raise ValueError(f"steps must be a 1-D array of step sizes, got shape {steps.shape}")
    if not np.all(np.isfinite(steps) & (steps > 0)):
        raise ValueError("every step must be a positive finite number")
    return x, grad, steps


def _central(f, x, h):
    """(f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h) for every element i of x."""
    g = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = h
        g[index] = (f(x + step) - f(x - step)) / (2.0 * h)
    return g


def gradient_error(f, x, grad, steps):
    """‖g_h − grad‖ / max(‖grad‖, 1) for each step h, g_h the central differences of f at x."""
    x, grad, steps = _checked(x, grad, steps)
    # Relative where the gradient is large, absolute where it is small: the floor of 1 keeps a
    # zero gradient (at a minimum) from dividing by 0.
    scale = max(float(np.linalg.norm(grad)), 1.0)
    return np.array([np.linalg.norm(_central(f, x, h) - grad) / scale for h in steps])


# --- Mistakes: each is the reference with one change -------------------------------------


def _chain_rule_factor_missed(y_true, y_pred):
    r = _residuals(y_true, y_pred)
    with np.errstate(over="ignore"):
        return 1.0 / np.cosh(r) / r.size  # (log u)' = u'/u, with u' = sinh r forgotten


def _sinh_over_cosh(y_true, y_pred):
    r = _residuals(y_true, y_pred)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.sinh(r) / np.cosh(r) / r.size  # ∞/∞ = NaN beyond |r| ≈ 710


def _wrong_sign(y_true, y_pred):
    r = _residuals(y_true, y_pred)
    return -np.tanh(r) / r.size  # ∂/∂y instead of ∂/∂ŷ (or cosh' taken as −sinh)


def _forgets_1_over_n(y_true, y_pred):
    r = _residuals(y_true, y_pred)
    return np.tanh(r)


def _forward(f, x, h):
    g = np.empty(x.shape)
    base = f(x)
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = h
        g[index] = (f(x + step) - base) / h
    return g


def _one_sided_difference(f, x, grad, steps):
    x, grad, steps = _checked(x, grad, steps)
    scale = max(float(np.linalg.norm(grad)), 1.0)
    return np.array([np.linalg.norm(_forward(f, x, h) - grad) / scale for h in steps])


def _divides_by_h(f, x, grad, steps):
    x, grad, steps = _checked(x, grad, steps)
    scale = max(float(np.linalg.norm(grad)), 1.0)
    return np.array([np.linalg.norm(2.0 * _central(f, x, h) - grad) / scale for h in steps])


def _no_guard_at_zero(f, x, grad, steps):
    x, grad, steps = _checked(x, grad, steps)
    scale = float(np.linalg.norm(grad))  # 0 at a minimum: 0/0 or x/0
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.array([np.linalg.norm(_central(f, x, h) - grad) / np.float64(scale)
                         for h in steps])


def _absolute_error(f, x, grad, steps):
    x, grad, steps = _checked(x, grad, steps)
    return np.array([np.linalg.norm(_central(f, x, h) - grad) for h in steps])


MISTAKES = {
    "chain-rule-factor-missed": {"logcosh_grad": _chain_rule_factor_missed},
    "sinh-over-cosh-overflows": {"logcosh_grad": _sinh_over_cosh},
    "wrong-sign": {"logcosh_grad": _wrong_sign},
    "forgets-1-over-n": {"logcosh_grad": _forgets_1_over_n},
    "one-sided-difference": {"gradient_error": _one_sided_difference},
    "divides-by-h": {"gradient_error": _divides_by_h},
    "no-guard-at-zero": {"gradient_error": _no_guard_at_zero},
    "absolute-error": {"gradient_error": _absolute_error},
}
