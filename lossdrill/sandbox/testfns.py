"""Functions the grader can hand to a learner's function as an argument (``$fn``).

For exercises whose functions take a function, such as a numerical gradient: the grader sends
a name and the arguments to bind, and the learner process builds the callable from this
module. Public, plain NumPy: nothing here is secret, and the grader computes the same
functions (and their analytic gradients) on its side.
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


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sum_of_squares": sum_of_squares,
    "quadratic_form": quadratic_form,
}
