"""Functions the grader can hand to a learner's function as an argument (``$fn``).

For exercises whose functions take a function, such as a numerical gradient: the grader sends
a name and the arguments to bind, and the learner process builds the callable from this
module. Public, plain NumPy: nothing here is secret, and the grader computes the same
functions (and their analytic gradients, in GRADIENTS) on its side.

Every function takes the point it is differentiated at as its first argument; the others are
bound by keyword (``{function: mse_of_prediction, with: {y_true: [...]}}``), so the learner's
code sees a function of one array.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def sum_of_squares(x: np.ndarray) -> float:
    """Σ x², whose gradient is 2x."""
    return float(np.sum(np.asarray(x, dtype=np.float64) ** 2))


def quadratic_form(x: np.ndarray, A: np.ndarray) -> float:
    """½ xᵀAx for a vector x; the gradient is ½(A + Aᵀ)x."""
    x = np.asarray(x, dtype=np.float64)
    return float(0.5 * x @ np.asarray(A) @ x)


def sum_of_cubes(x: np.ndarray) -> float:
    """Σ x³, whose gradient is 3x². Not quadratic: a forward difference is off by about
    h·3x (half the second derivative times h), which a central difference is not."""
    return float(np.sum(np.asarray(x, dtype=np.float64) ** 3))


def log_sum_exp(x: np.ndarray) -> float:
    """log Σ exp(x) over every element (computed stably); the gradient is softmax(x)."""
    x = np.asarray(x, dtype=np.float64)
    m = np.max(x)
    return float(m + np.log(np.sum(np.exp(x - m))))


def mse_of_prediction(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """The mean squared error (1/N) Σ (ŷ − y)² as a function of the predictions (ex6);
    the gradient is (2/N)(ŷ − y), N the number of elements."""
    y_pred = np.asarray(y_pred, dtype=np.float64)
    return float(np.mean((y_pred - np.asarray(y_true, dtype=np.float64)) ** 2))


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64)
    z = z - z.max(axis=-1, keepdims=True)
    log_p: np.ndarray = z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))
    return log_p


def softmax_ce_of_logits(logits: np.ndarray, labels: np.ndarray) -> float:
    """The softmax cross-entropy (1/N) Σᵢ −log softmax(zᵢ)[yᵢ] of (N, K) logits against N
    integer labels, as a function of the logits (ex9, ex10); the gradient is
    (softmax(Z) − onehot(y))/N."""
    log_p = _log_softmax(logits)
    labels = np.asarray(labels).astype(np.int64)
    return float(-np.mean(log_p[np.arange(len(labels)), labels]))


def ridge_objective_of_w(w: np.ndarray, X: np.ndarray, y: np.ndarray, lam: float) -> float:
    """The ridge objective (1/N)‖Xw − y‖² + ½·lam·‖w‖² as a function of the weights (ex15);
    the gradient is (2/N)Xᵀ(Xw − y) + lam·w."""
    w = np.asarray(w, dtype=np.float64)
    residual = np.asarray(X, dtype=np.float64) @ w - np.asarray(y, dtype=np.float64)
    return float(np.mean(residual**2) + 0.5 * lam * np.sum(w**2))


def logcosh_of_prediction(y_pred: np.ndarray, y_true: Any = 0.0) -> float:
    """The log-cosh loss (1/N) Σ log cosh(ŷ − y) as a function of the predictions (ex29),
    written as |r| + log(1 + e^(−2|r|)) − log 2 so that no cosh overflows; the gradient is
    tanh(ŷ − y)/N. y_true defaults to 0: the loss of the residuals x themselves."""
    r = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    a = np.abs(r)
    return float(np.mean(a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)))


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sum_of_squares": sum_of_squares,
    "quadratic_form": quadratic_form,
    "sum_of_cubes": sum_of_cubes,
    "log_sum_exp": log_sum_exp,
    "mse_of_prediction": mse_of_prediction,
    "softmax_ce_of_logits": softmax_ce_of_logits,
    "ridge_objective_of_w": ridge_objective_of_w,
    "logcosh_of_prediction": logcosh_of_prediction,
}


# --- Analytic gradients, for the grader: same arguments, an array of the first's shape ------


def _grad_sum_of_squares(x: np.ndarray) -> np.ndarray:
    return 2.0 * np.asarray(x, dtype=np.float64)


def _grad_quadratic_form(x: np.ndarray, A: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=np.float64)
    grad: np.ndarray = 0.5 * (A + A.T) @ np.asarray(x, dtype=np.float64)
    return grad


def _grad_sum_of_cubes(x: np.ndarray) -> np.ndarray:
    return 3.0 * np.asarray(x, dtype=np.float64) ** 2


def _grad_log_sum_exp(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x))
    grad: np.ndarray = e / np.sum(e)
    return grad


def _grad_mse_of_prediction(y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
    y_pred = np.asarray(y_pred, dtype=np.float64)
    return 2.0 * (y_pred - np.asarray(y_true, dtype=np.float64)) / y_pred.size


def _grad_softmax_ce_of_logits(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    p = np.exp(_log_softmax(logits))
    labels = np.asarray(labels).astype(np.int64)
    p[np.arange(len(labels)), labels] -= 1.0
    grad: np.ndarray = p / len(labels)
    return grad


def _grad_ridge_objective_of_w(w: np.ndarray, X: np.ndarray, y: np.ndarray, lam: float
                               ) -> np.ndarray:
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    residual = X @ w - np.asarray(y, dtype=np.float64)
    grad: np.ndarray = 2.0 * X.T @ residual / len(residual) + lam * w
    return grad


def _grad_logcosh_of_prediction(y_pred: np.ndarray, y_true: Any = 0.0) -> np.ndarray:
    r = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return np.tanh(r) / r.size


GRADIENTS: dict[str, Callable[..., np.ndarray]] = {
    "sum_of_squares": _grad_sum_of_squares,
    "quadratic_form": _grad_quadratic_form,
    "sum_of_cubes": _grad_sum_of_cubes,
    "log_sum_exp": _grad_log_sum_exp,
    "mse_of_prediction": _grad_mse_of_prediction,
    "softmax_ce_of_logits": _grad_softmax_ce_of_logits,
    "ridge_objective_of_w": _grad_ridge_objective_of_w,
    "logcosh_of_prediction": _grad_logcosh_of_prediction,
}
