"""Reference solution for ex25 (k-fold cross-validation to choose a regression loss) and the
mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np

LEARNING_RATE = 0.1
EPOCHS = 200
DELTA = 1.0  # the Huber loss's threshold
LOSSES = ("mse", "mae", "huber")


def kfold_indices(n, k):
    """k contiguous folds of range(n): fold f validates on [f·n//k, (f+1)·n//k) and trains on
    the rest. Returns a list of k (train_idx, val_idx) pairs of integer arrays."""
    indices = np.arange(n)
    folds = []
    for f in range(k):
        # f·n//k rounds each boundary down, so the fold sizes differ by at most one and the
        # longer folds are spread out (scikit-learn's KFold instead gives the n % k extra
        # samples to the first folds).
        start, stop = f * n // k, (f + 1) * n // k
        val = indices[start:stop]
        train = np.concatenate([indices[:start], indices[stop:]])
        folds.append((train, val))
    return folds


def _residual_gradient(loss, r):
    """∂loss/∂(prediction) per sample, for the residuals r = prediction − target."""
    if loss == "mse":
        return 2.0 * r
    if loss == "mae":
        return np.sign(r)  # 0 at r = 0, a valid subgradient
    return np.clip(r, -DELTA, DELTA)  # Huber: r inside ±δ, ±δ outside


def fit_linear(X, y, loss):
    """Full-batch gradient descent on mean(loss(X·w + b − y)) from w = 0, b = 0."""
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(EPOCHS):
        g = _residual_gradient(loss, X @ w + b - y)
        # The chain rule through prediction = X·w + b, and the 1/n of the mean.
        w = w - LEARNING_RATE * (X.T @ g) / n
        b = b - LEARNING_RATE * np.mean(g)
    return w, b


def _cv_scores(X, y, k, folds_of, score_of):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    scores = {}
    for loss in LOSSES:
        per_fold = []
        for train, val in folds_of(len(y), k):
            w, b = fit_linear(X[train], y[train], loss)
            per_fold.append(score_of(X, y, train, val, w, b, loss))
        # The mean of the k fold scores (each fold counts the same, whatever its size).
        scores[loss] = float(np.mean(per_fold))
    return scores


def _validation_mae(X, y, train, val, w, b, loss):
    # Every loss is judged by the same yardstick, on data its model has not seen: the MAE on
    # the validation fold. (Comparing each loss by its own value would compare apples with
    # pears: an MSE and an MAE are not in the same units.)
    return float(np.mean(np.abs(X[val] @ w + b - y[val])))


def cv_select_loss(X, y, k=5):
    """The k-fold validation MAE of a linear model fitted with each loss, and the best loss."""
    scores = _cv_scores(X, y, k, kfold_indices, _validation_mae)
    best = min(LOSSES, key=lambda name: scores[name])  # ties go to the first listed
    return scores, best


# --- Mistakes: each is the reference with one change -------------------------------------


def _folds_from_order(order, n, k, bounds):
    folds = []
    for f in range(k):
        start, stop = bounds(f, n, k)
        val = order[start:stop]
        train = np.concatenate([order[:start], order[stop:]])
        folds.append((train, val))
    return folds


def _off_by_one_folds(n, k):
    # The end of each validation block taken inclusively: stop + 1.
    return _folds_from_order(np.arange(n), n, k,
                             lambda f, n, k: (f * n // k, (f + 1) * n // k + 1))


def _strided_folds(n, k):
    indices = np.arange(n)
    folds = []
    for f in range(k):
        val = indices[f::k]
        train = np.setdiff1d(indices, val)
        folds.append((train, val))
    return folds


def _shuffled_folds(n, k):
    order = np.random.default_rng(0).permutation(n)
    return _folds_from_order(order, n, k, lambda f, n, k: (f * n // k, (f + 1) * n // k))


def _sklearn_folds(n, k):
    # scikit-learn's KFold(shuffle=False): the first n % k folds get one extra sample.
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    stops = np.cumsum(sizes)
    return _folds_from_order(np.arange(n), n, k,
                             lambda f, n, k: (int(stops[f] - sizes[f]), int(stops[f])))


def _cv_with_folds(folds_of):
    def cv(X, y, k=5):
        scores = _cv_scores(X, y, k, folds_of, _validation_mae)
        return scores, min(LOSSES, key=lambda name: scores[name])
    return cv


def _training_loss(X, y, train, val, w, b, loss):
    r = X[train] @ w + b - y[train]
    if loss == "mse":
        return float(np.mean(r**2))
    if loss == "mae":
        return float(np.mean(np.abs(r)))
    a = np.abs(r)
    return float(np.mean(np.where(a <= DELTA, 0.5 * r**2, DELTA * (a - 0.5 * DELTA))))


def _cv_training_loss(X, y, k=5):
    scores = _cv_scores(X, y, k, kfold_indices, _training_loss)
    return scores, min(LOSSES, key=lambda name: scores[name])


def _cv_picks_highest(X, y, k=5):
    scores = _cv_scores(X, y, k, kfold_indices, _validation_mae)
    return scores, max(LOSSES, key=lambda name: scores[name])


MISTAKES = {
    "off-by-one-boundaries": {"kfold_indices": _off_by_one_folds,
                              "cv_select_loss": _cv_with_folds(_off_by_one_folds)},
    "strided-folds": {"kfold_indices": _strided_folds,
                      "cv_select_loss": _cv_with_folds(_strided_folds)},
    "shuffled-folds": {"kfold_indices": _shuffled_folds,
                       "cv_select_loss": _cv_with_folds(_shuffled_folds)},
    "sklearn-fold-sizes": {"kfold_indices": _sklearn_folds,
                           "cv_select_loss": _cv_with_folds(_sklearn_folds)},
    "training-loss-scoring": {"cv_select_loss": _cv_training_loss},
    "picks-highest": {"cv_select_loss": _cv_picks_highest},
}
