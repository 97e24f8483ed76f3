"""Reference solution for ex16 (ridge regression along a path of λ, and the validation curve)
and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def fit_ridge(X, y, lam):
    """The w minimising mean((Xw − y)²) + ½·lam·‖w‖² (ex15's objective), in closed form."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    # Setting ex15's gradient 2·Xᵀ(Xw − y)/N + lam·w to zero gives the normal equations
    #     (2·XᵀX/N + lam·I) w = 2·Xᵀy/N.
    # For lam > 0 the matrix is positive definite, so there is exactly one solution even
    # with more features than samples. np.linalg.solve is cheaper and more accurate than
    # forming the inverse.
    a = 2.0 * (X.T @ X) / n + lam * np.eye(d)
    b = 2.0 * (X.T @ y) / n
    return np.linalg.solve(a, b)


def _mse(X, y, w):
    return float(np.mean((X @ w - y) ** 2))


def validation_curve(X_tr, y_tr, X_val, y_val, lams):
    """(train_mse, val_mse): for each λ in lams, fit on the training set and measure the
    plain MSE (no penalty) on the training set and on the validation set."""
    X_tr, y_tr, X_val, y_val = (np.asarray(a, dtype=np.float64) for a in (X_tr, y_tr, X_val, y_val))
    train, val = [], []
    for lam in np.asarray(lams, dtype=np.float64).ravel():
        w = fit_ridge(X_tr, y_tr, float(lam))
        # The penalty shapes the fit; the curves measure what we care about, the error.
        train.append(_mse(X_tr, y_tr, w))
        val.append(_mse(X_val, y_val, w))
    return np.array(train, dtype=np.float64), np.array(val, dtype=np.float64)


# --- Mistakes: each is the reference with one change -------------------------------------


def _curve_with(fit, X_tr, y_tr, X_val, y_val, lams, measure_val_on_train=False,
                add_penalty=False, swap=False):
    X_tr, y_tr, X_val, y_val = (np.asarray(a, dtype=np.float64) for a in (X_tr, y_tr, X_val, y_val))
    train, val = [], []
    for lam in np.asarray(lams, dtype=np.float64).ravel():
        w = fit(X_tr, y_tr, float(lam))
        penalty = 0.5 * lam * np.sum(w**2) if add_penalty else 0.0
        train.append(_mse(X_tr, y_tr, w) + penalty)
        if measure_val_on_train:
            val.append(_mse(X_tr, y_tr, w) + penalty)
        else:
            val.append(_mse(X_val, y_val, w) + penalty)
    out = np.array(train, dtype=np.float64), np.array(val, dtype=np.float64)
    return out[::-1] if swap else out


def _val_on_train(X_tr, y_tr, X_val, y_val, lams):
    return _curve_with(fit_ridge, X_tr, y_tr, X_val, y_val, lams, measure_val_on_train=True)


def _curve_includes_penalty(X_tr, y_tr, X_val, y_val, lams):
    return _curve_with(fit_ridge, X_tr, y_tr, X_val, y_val, lams, add_penalty=True)


def _curves_swapped(X_tr, y_tr, X_val, y_val, lams):
    return _curve_with(fit_ridge, X_tr, y_tr, X_val, y_val, lams, swap=True)


def _fit_without_regulariser(X, y, lam):
    # The reference with lam left out: ordinary least squares. With more features than
    # samples XᵀX is singular and np.linalg.solve raises LinAlgError.
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    return np.linalg.solve(2.0 * (X.T @ X) / n, 2.0 * (X.T @ y) / n)


def _fit_forgets_n_scaling(X, y, lam):
    # (XᵀX + lam·I) w = Xᵀy: the minimiser of ‖Xw − y‖² + lam·‖w‖² (scikit-learn's Ridge with
    # alpha = lam), whose penalty is N/2 times weaker relative to this exercise's objective.
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


def _fit_drops_the_2(X, y, lam):
    # (XᵀX/N + lam·I) w = Xᵀy/N: the minimiser of mean((Xw − y)²) + lam·‖w‖², a penalty twice
    # as strong as ½·lam·‖w‖².
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    return np.linalg.solve(X.T @ X / n + lam * np.eye(X.shape[1]), X.T @ y / n)


def _curve_of(fit):
    def curve(X_tr, y_tr, X_val, y_val, lams):
        return _curve_with(fit, X_tr, y_tr, X_val, y_val, lams)
    return curve


MISTAKES = {
    "val-on-train": {"validation_curve": _val_on_train},
    "curve-includes-penalty": {"validation_curve": _curve_includes_penalty},
    "curves-swapped": {"validation_curve": _curves_swapped},
    "fits-without-regulariser": {
        "fit_ridge": _fit_without_regulariser,
        "validation_curve": _curve_of(_fit_without_regulariser),
    },
    "forgets-n-scaling": {
        "fit_ridge": _fit_forgets_n_scaling,
        "validation_curve": _curve_of(_fit_forgets_n_scaling),
    },
    "drops-the-2": {
        "fit_ridge": _fit_drops_the_2,
        "validation_curve": _curve_of(_fit_drops_the_2),
    },
}
