"""Reference solution for ex23 (the numerical gradient by central differences) and the
mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def numerical_grad(f, x, h=1e-6):
    """∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h) for every element i of x, any shape."""
    # A float64 copy-free view of x: it arrives read-only, and it is never written to. The
    # perturbed points are new arrays. (An integer x must become float, or x + 1e-6 would be
    # rounded back to x.)
    x = np.asarray(x, dtype=np.float64)
    grad = np.empty(x.shape)
    # np.ndindex walks every index of an array of any shape: (i,) for a vector, (i, j) for a
    # matrix, … so one loop serves them all.
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = h
        # Central differences: the error is O(h²) (the h·f''/2 terms of the two sides cancel),
        # against O(h) for the forward difference (f(x + h) − f(x))/h.
        grad[index] = (f(x + step) - f(x - step)) / (2.0 * h)
    return grad


# --- Mistakes: each is the reference with one change -------------------------------------


def _modifies_x_in_place(f, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    grad = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h  # writes into the caller's array (read-only: raises)
        up = f(x)
        x[index] = original - h
        down = f(x)
        x[index] = original
        grad[index] = (up - down) / (2.0 * h)
    return grad


def _keeps_input_dtype(f, x, h=1e-6):
    x = np.asarray(x)
    grad = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        moved = np.array(x)  # a copy, but in x's own dtype: int or float32 steps are rounded
        moved[index] = x[index] + h
        up = f(moved)
        moved[index] = x[index] - h
        down = f(moved)
        grad[index] = (up - down) / (2.0 * h)
    return grad


def _only_1d(f, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    grad = np.empty(x.shape)
    for i in range(len(x)):  # for a matrix, x[i] is a whole row
        step = np.zeros(x.shape)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2.0 * h)
    return grad


def _forward_differences(f, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    grad = np.empty(x.shape)
    base = f(x)
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = h
        grad[index] = (f(x + step) - base) / h
    return grad


def _divides_by_h(f, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    grad = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = h
        grad[index] = (f(x + step) - f(x - step)) / h
    return grad


MISTAKES = {
    "modifies-x-in-place": {"numerical_grad": _modifies_x_in_place},
    "keeps-input-dtype": {"numerical_grad": _keeps_input_dtype},
    "only-1d": {"numerical_grad": _only_1d},
    "forward-differences": {"numerical_grad": _forward_differences},
    "divides-by-h": {"numerical_grad": _divides_by_h},
}
