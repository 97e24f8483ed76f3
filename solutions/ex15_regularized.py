"""Reference solution for ex15 (the ridge objective and its gradient) and the mistakes
lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _arrays(w, X, y):
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return w, X, y


def ridge_objective(w, X, y, lam):
    """(loss, grad) of mean((Xw − y)²) + ½·lam·‖w‖² with respect to w.

    X is (N, D), y is (N,), w is (D,); grad = 2·Xᵀ(Xw − y)/N + lam·w has the shape of w.
    """
    w, X, y = _arrays(w, X, y)
    n = X.shape[0]
    residual = X @ w - y  # (N,): how far each prediction is from its target
    # The data term is a mean over the N samples; the penalty is a sum over the D weights.
    loss = np.mean(residual**2) + 0.5 * lam * np.sum(w**2)
    # Chain rule: d/dw of (1/N)Σ rᵢ² is (2/N)Σ rᵢ·xᵢ = 2·Xᵀr/N; the ½ of the penalty cancels
    # the 2 of w², leaving lam·w.
    grad = 2.0 * (X.T @ residual) / n + lam * w
    return float(loss), grad


# --- Mistakes: each is the reference with one change -------------------------------------


def _no_half_in_penalty(w, X, y, lam):
    w, X, y = _arrays(w, X, y)
    residual = X @ w - y
    loss = np.mean(residual**2) + lam * np.sum(w**2)
    grad = 2.0 * (X.T @ residual) / X.shape[0] + 2.0 * lam * w
    return float(loss), grad


def _grad_missing_penalty(w, X, y, lam):
    w, X, y = _arrays(w, X, y)
    residual = X @ w - y
    loss = np.mean(residual**2) + 0.5 * lam * np.sum(w**2)
    grad = 2.0 * (X.T @ residual) / X.shape[0]
    return float(loss), grad


def _grad_missing_2(w, X, y, lam):
    w, X, y = _arrays(w, X, y)
    residual = X @ w - y
    loss = np.mean(residual**2) + 0.5 * lam * np.sum(w**2)
    grad = (X.T @ residual) / X.shape[0] + lam * w
    return float(loss), grad


def _grad_missing_n(w, X, y, lam):
    w, X, y = _arrays(w, X, y)
    residual = X @ w - y
    loss = np.mean(residual**2) + 0.5 * lam * np.sum(w**2)
    grad = 2.0 * (X.T @ residual) + lam * w
    return float(loss), grad


def _grad_residual_sign(w, X, y, lam):
    w, X, y = _arrays(w, X, y)
    residual = X @ w - y
    loss = np.mean(residual**2) + 0.5 * lam * np.sum(w**2)
    grad = 2.0 * (X.T @ (y - X @ w)) / X.shape[0] + lam * w
    return float(loss), grad


def _loss_sum_not_mean(w, X, y, lam):
    w, X, y = _arrays(w, X, y)
    residual = X @ w - y
    loss = np.sum(residual**2) + 0.5 * lam * np.sum(w**2)
    grad = 2.0 * (X.T @ residual) / X.shape[0] + lam * w
    return float(loss), grad


def _sum_objective(w, X, y, lam):
    # ‖Xw − y‖² + ½·lam·‖w‖² and its own gradient: consistent, but another objective.
    w, X, y = _arrays(w, X, y)
    residual = X @ w - y
    loss = np.sum(residual**2) + 0.5 * lam * np.sum(w**2)
    grad = 2.0 * (X.T @ residual) + lam * w
    return float(loss), grad


MISTAKES = {
    "no-half-in-penalty": {"ridge_objective": _no_half_in_penalty},
    "grad-missing-penalty": {"ridge_objective": _grad_missing_penalty},
    "grad-missing-2": {"ridge_objective": _grad_missing_2},
    "grad-missing-n": {"ridge_objective": _grad_missing_n},
    "grad-residual-sign": {"ridge_objective": _grad_residual_sign},
    "loss-sum-not-mean": {"ridge_objective": _loss_sum_not_mean},
    "sum-objective": {"ridge_objective": _sum_objective},
}
