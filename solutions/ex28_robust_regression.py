"""Reference solution for ex28 (fitting a line under MSE, MAE and Huber: the losses and their
gradients with respect to the line's slope and intercept) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np

LOSSES = ("mse", "mae", "huber")


def _residuals(theta, x, y, loss, delta):
    """r = ŷ − y for the line ŷ = w·x + b, θ = [w, b], after checking every argument."""
    theta = np.asarray(theta, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if theta.shape != (2,):
        raise ValueError(f"theta must hold the two numbers [w, b], got shape {theta.shape}")
    # An (N, 1) column x against an (N,) vector y would broadcast w·x + b − y into an (N, N)
    # matrix of every pairwise difference: plausible numbers, silently wrong.
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be 1-D of the same length, got {x.shape} and {y.shape}")
    if x.size == 0:
        raise ValueError("x and y are empty: the mean over no samples is undefined")
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}, got {loss!r}")
    delta = float(delta)
    if loss == "huber" and not delta > 0:  # also catches NaN
        raise ValueError(f"delta must be positive, got {delta}")
    return theta[0] * x + theta[1] - y, x, delta


def _rho(r, loss, delta):
    """The loss of each residual."""
    if loss == "mse":
        return r**2
    if loss == "mae":
        return np.abs(r)
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r**2, delta * (a - 0.5 * delta))


def _psi(r, loss, delta):
    """dρ/dr, the pull of each residual on the fit: it grows with r for the MSE, and is
    bounded for the MAE (±1) and Huber (±δ), which is why those two are robust."""
    if loss == "mse":
        return 2.0 * r
    if loss == "mae":
        # |r| has a kink at 0: every value in [−1, 1] is a subgradient there, and the contract
        # picks 0 (np.sign(0) == 0), the one that leaves a fitted point where it is.
        return np.sign(r)
    return np.clip(r, -delta, delta)


def line_loss(x, y, theta, loss="mse", delta=1.0):
    """(1/N) Σ ρ(w·xᵢ + b − yᵢ) for ρ the squared error, the absolute error or Huber's."""
    r, _, delta = _residuals(theta, x, y, loss, delta)
    return float(np.mean(_rho(r, loss, delta)))


def line_grad(x, y, theta, loss="mse", delta=1.0):
    """[∂L/∂w, ∂L/∂b] = [(1/N) Σ ψ(rᵢ)·xᵢ, (1/N) Σ ψ(rᵢ)], with ψ = dρ/dr."""
    r, x, delta = _residuals(theta, x, y, loss, delta)
    p = _psi(r, loss, delta)
    # The chain rule: ∂rᵢ/∂w = xᵢ and ∂rᵢ/∂b = 1; the 1/N comes from the mean.
    return np.array([np.mean(p * x), np.mean(p)])


# --- Mistakes: each is the reference with one change -------------------------------------


def _grad_with_psi(psi):
    """line_grad with the pull ψ replaced (for the mistakes made in ψ alone)."""
    def grad(x, y, theta, loss="mse", delta=1.0):
        r, x, delta = _residuals(theta, x, y, loss, delta)
        p = psi(r, loss, delta)
        return np.array([np.mean(p * x), np.mean(p)])
    return grad


def _psi_divides_by_abs(r, loss, delta):
    if loss == "mae":
        with np.errstate(invalid="ignore", divide="ignore"):
            return r / np.abs(r)  # 0/0 = NaN where a residual is exactly 0
    return _psi(r, loss, delta)


def _psi_nonzero_at_zero(r, loss, delta):
    if loss == "mae":
        return np.where(r >= 0, 1.0, -1.0)  # a residual of 0 still pulls with +1
    return _psi(r, loss, delta)


def _psi_delta_ignored(r, loss, delta):
    if loss == "huber":
        return np.clip(r, -1.0, 1.0)  # δ = 1 whatever the argument
    return _psi(r, loss, delta)


def _psi_huber_branches_swapped(r, loss, delta):
    if loss == "huber":
        return np.where(np.abs(r) > delta, r, delta * np.sign(r))
    return _psi(r, loss, delta)


def _psi_mse_without_2(r, loss, delta):
    if loss == "mse":
        return r  # the derivative of ½r², not of r²
    return _psi(r, loss, delta)


def _forgets_x(x, y, theta, loss="mse", delta=1.0):
    r, x, delta = _residuals(theta, x, y, loss, delta)
    p = _psi(r, loss, delta)
    return np.array([np.mean(p), np.mean(p)])  # ∂rᵢ/∂w is xᵢ, not 1


def _wrong_sign(x, y, theta, loss="mse", delta=1.0):
    r, x, delta = _residuals(theta, x, y, loss, delta)
    p = _psi(-r, loss, delta)  # differentiated y − ŷ: every ψ is odd, so the sign flips
    return np.array([np.mean(p * x), np.mean(p)])


def _sum_instead_of_mean(x, y, theta, loss="mse", delta=1.0):
    r, x, delta = _residuals(theta, x, y, loss, delta)
    p = _psi(r, loss, delta)
    return np.array([np.sum(p * x), np.sum(p)])


MISTAKES = {
    "mae-divides-by-abs": {"line_grad": _grad_with_psi(_psi_divides_by_abs)},
    "mae-nonzero-at-zero": {"line_grad": _grad_with_psi(_psi_nonzero_at_zero)},
    "huber-delta-ignored": {"line_grad": _grad_with_psi(_psi_delta_ignored)},
    "huber-branches-swapped": {"line_grad": _grad_with_psi(_psi_huber_branches_swapped)},
    "mse-without-2": {"line_grad": _grad_with_psi(_psi_mse_without_2)},
    "forgets-x": {"line_grad": _forgets_x},
    "wrong-sign": {"line_grad": _wrong_sign},
    "sum-instead-of-mean": {"line_grad": _sum_instead_of_mean},
}
