"""Reference solution for ex24 (training a linear SVM by full-batch subgradient descent) and
the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _inputs(X, y):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    # The hinge loss is written for labels in {−1, +1}: with {0, 1} labels every negative
    # sample has y·s = 0 whatever its score, and could never be learned.
    if not np.all((y == 1.0) | (y == -1.0)):
        bad = np.unique(y[(y != 1.0) & (y != -1.0)])[:5]
        raise ValueError(f"labels must be -1 or +1, got {bad.tolist()}")
    return X, y


def train_linear_svm(X, y, lam=0.01, lr=0.1, epochs=200):
    """Minimise J(w, b) = (1/N) Σᵢ max(0, 1 − yᵢ(w·xᵢ + b)) + ½·lam·‖w‖² by full-batch
    subgradient descent from w = 0, b = 0; return (w, b)."""
    X, y = _inputs(X, y)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        margins = y * (X @ w + b)
        # The samples inside the margin. At a margin of exactly 1 the hinge has a kink; the
        # update rule takes the subgradient 0 there (strict <), like every other sample
        # that is classified with room to spare.
        active = margins < 1.0
        # ∂/∂w of the mean hinge is −(1/N) Σ_active yᵢxᵢ; of ½·lam·‖w‖² it is lam·w.
        grad_w = lam * w - (X[active].T @ y[active]) / n
        # The bias is not regularised: shifting the boundary costs nothing.
        grad_b = -np.sum(y[active]) / n
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, float(b)


# --- Mistakes: each is the reference with one change -------------------------------------


def _variant(*, zero_one=False, bias_penalty=False, reg_factor=1.0, hinge_scale=None,
             hinge_sign=-1.0, at_margin=False):
    def train(X, y, lam=0.01, lr=0.1, epochs=200):
        if zero_one:
            X = np.asarray(X, dtype=np.float64)
            y = 2.0 * np.asarray(y, dtype=np.float64) - 1.0  # {0, 1} → {−1, +1}, applied to ±1
        else:
            X, y = _inputs(X, y)
        n, d = X.shape
        scale = n if hinge_scale is None else hinge_scale
        w = np.zeros(d)
        b = 0.0
        for _ in range(epochs):
            margins = y * (X @ w + b)
            active = margins <= 1.0 if at_margin else margins < 1.0
            grad_w = reg_factor * lam * w + hinge_sign * (X[active].T @ y[active]) / scale
            grad_b = hinge_sign * np.sum(y[active]) / scale
            if bias_penalty:
                grad_b = grad_b + lam * b
            w = w - lr * grad_w
            b = b - lr * grad_b
        return w, float(b)
    return train


MISTAKES = {
    "labels-zero-one": {"train_linear_svm": _variant(zero_one=True)},
    "active-at-margin-one": {"train_linear_svm": _variant(at_margin=True)},
    "regularises-bias": {"train_linear_svm": _variant(bias_penalty=True)},
    "no-half-in-penalty": {"train_linear_svm": _variant(reg_factor=2.0)},
    "grad-of-sum": {"train_linear_svm": _variant(hinge_scale=1.0)},
    "grad-wrong-sign": {"train_linear_svm": _variant(hinge_sign=1.0)},
}
