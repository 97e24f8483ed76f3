"""Reference solution for ex3 (hinge loss and its subgradient) and the mistakes lossdrill
diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def _check_labels(y):
    # The hinge loss is written for labels in {−1, +1}: with {0, 1} labels every negative
    # sample would have y·s = 0, a margin of 0 whatever the score, and could never be learned.
    if not np.all((y == 1.0) | (y == -1.0)):
        bad = np.unique(y[(y != 1.0) & (y != -1.0)])[:5]
        raise ValueError(f"labels must be -1 or +1, got {bad.tolist()}")


def hinge_loss(y_true, scores):
    """mean(max(0, 1 − y·s)) over the samples, for labels y in {−1, +1}."""
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    # y·s is the margin: positive when the score has the label's sign, ≥ 1 when it does so
    # with room to spare. Only samples inside the margin (y·s < 1) cost anything.
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))


def hinge_grad(y_true, scores):
    """A subgradient of hinge_loss with respect to the scores: −y/N where y·s < 1, else 0."""
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    # d/ds max(0, 1 − y·s) is −y inside the margin and 0 outside; the 1/N comes from the mean.
    # At exactly y·s = 1 the loss has a kink and any value between −y/N and 0 is a valid
    # subgradient; we take 0 (the strict <).
    return np.where(y * s < 1.0, -y / y.size, 0.0)


# --- Mistakes: each is the reference with one change -------------------------------------


def _labels_zero_one_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    y = 2.0 * y - 1.0  # the {0, 1} → {−1, +1} conversion, applied to labels already ±1
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))


def _labels_zero_one_grad(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    y = 2.0 * y - 1.0
    return np.where(y * s < 1.0, -y / y.size, 0.0)


def _accepts_zero_one_labels_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))


def _accepts_zero_one_labels_grad(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    return np.where(y * s < 1.0, -y / y.size, 0.0)


def _no_clamp(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    return float(np.mean(1.0 - y * s))


def _squared_hinge(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    return float(np.mean(np.maximum(0.0, 1.0 - y * s) ** 2))


def _perceptron_loss(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    return float(np.mean(np.maximum(0.0, -y * s)))


def _grad_wrong_sign(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    return np.where(y * s < 1.0, y / y.size, 0.0)


def _grad_of_sum(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    _check_labels(y)
    return np.where(y * s < 1.0, -y, 0.0)


def _grad_ignores_margin(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    _check_labels(y)
    return -y / y.size  # every sample, inside the margin or not


MISTAKES = {
    "labels-zero-one": {"hinge_loss": _labels_zero_one_loss, "hinge_grad": _labels_zero_one_grad},
    "accepts-zero-one-labels": {
        "hinge_loss": _accepts_zero_one_labels_loss,
        "hinge_grad": _accepts_zero_one_labels_grad,
    },
    "no-clamp": {"hinge_loss": _no_clamp},
    "squared-hinge": {"hinge_loss": _squared_hinge},
    "perceptron-loss": {"hinge_loss": _perceptron_loss},
    "grad-wrong-sign": {"hinge_grad": _grad_wrong_sign},
    "grad-of-sum": {"hinge_grad": _grad_of_sum},
    "grad-ignores-margin": {"hinge_grad": _grad_ignores_margin},
}


# --- Patterns: what the samples of a wrong loss may have in common ------------------------

def _margin(y_true, scores):
    return np.asarray(y_true, dtype=np.float64) * np.asarray(scores, dtype=np.float64)


PATTERNS = [
    ({"en": "the margin y·s is above 1 (classified right with room to spare)",
      "zh": "间隔 y·s 大于 1（分类正确且留有余量）"},
     lambda y_true, scores, **_: bool(np.all(_margin(y_true, scores) > 1))),
    ({"en": "the margin y·s is below 1 (inside the margin or misclassified)",
      "zh": "间隔 y·s 小于 1（落在间隔内或分类错误）"},
     lambda y_true, scores, **_: bool(np.all(_margin(y_true, scores) < 1))),
    ({"en": "the margin y·s is between 0 and 1 (right sign, too little room)",
      "zh": "间隔 y·s 在 0 与 1 之间（符号正确但余量不足）"},
     lambda y_true, scores, **_: bool(np.all((_margin(y_true, scores) > 0)
                                             & (_margin(y_true, scores) < 1)))),
    ({"en": "the label is −1 (the negative class)", "zh": "标签为 −1（负类）"},
     lambda y_true, scores, **_: bool(np.all(np.asarray(y_true) == -1))),
]
