"""Reference solution for ex2 (binary cross-entropy) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
"""

import numpy as np


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    """−mean(y·log p̂ + (1 − y)·log(1 − p̂)) with p̂ = clip(p, eps, 1 − eps)."""
    y = np.asarray(y_true, dtype=np.float64)
    # float64 *before* clipping: in float32, 1 − 1e-15 rounds to exactly 1.0, so a clip to
    # [eps, 1 − eps] would leave p = 1 in place and log(1 − p) would be log(0) = −inf.
    p = np.asarray(p_pred, dtype=np.float64)
    # Clipping keeps both logarithms finite when a prediction is exactly 0 or 1: a confidently
    # wrong prediction then costs about −log(1e-15) ≈ 34.5 instead of infinity, and a
    # confidently right one costs ≈ 0 instead of 0·log(0) = NaN.
    p = np.clip(p, eps, 1.0 - eps)
    # log1p(−p) is log(1 − p) computed without first rounding 1 − p (more accurate for small p).
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


# --- Mistakes: each is the reference with one change -------------------------------------


def _no_clipping(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(p_pred, dtype=np.float64)
    # p = 0 or 1 gives log(0) = −inf: the loss is inf, or NaN where 0·(−inf) appears.
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


def _log_base_2(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log2(p) + (1.0 - y) * np.log2(1.0 - p)))


def _log_base_10(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log10(p) + (1.0 - y) * np.log10(1.0 - p)))


def _missing_minus_sign(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


def _sum_instead_of_mean(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


def _drops_negative_term(y_true, p_pred, eps=1e-15):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p)))


def _arguments_swapped(y_true, p_pred, eps=1e-15):
    # The predictions are used as labels and the labels as probabilities (the clip lands
    # on the labels).
    y = np.asarray(p_pred, dtype=np.float64)
    p = np.clip(np.asarray(y_true, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


MISTAKES = {
    "no-clipping": {"binary_cross_entropy": _no_clipping},
    "log-base-2": {"binary_cross_entropy": _log_base_2},
    "log-base-10": {"binary_cross_entropy": _log_base_10},
    "missing-minus-sign": {"binary_cross_entropy": _missing_minus_sign},
    "sum-instead-of-mean": {"binary_cross_entropy": _sum_instead_of_mean},
    "drops-negative-term": {"binary_cross_entropy": _drops_negative_term},
    "arguments-swapped": {"binary_cross_entropy": _arguments_swapped},
}


# --- Patterns: what the samples of a wrong loss may have in common ------------------------
# Each is (text, predicate over one sample's arguments); lossdrill names the one that holds
# exactly on the samples where the learner's value differs.

PATTERNS = [
    ({"en": "the prediction is exactly 0 or 1", "zh": "预测概率恰好为 0 或 1"},
     lambda y_true, p_pred, **_: bool(np.all((np.asarray(p_pred) == 0)
                                             | (np.asarray(p_pred) == 1)))),
    ({"en": "the label is 0 (the negative class)", "zh": "标签为 0（负类）"},
     lambda y_true, p_pred, **_: bool(np.all(np.asarray(y_true) == 0))),
    ({"en": "the label is 1 (the positive class)", "zh": "标签为 1（正类）"},
     lambda y_true, p_pred, **_: bool(np.all(np.asarray(y_true) == 1))),
    ({"en": "the label is not exactly 1 (the (1 − y) term is not zero)",
      "zh": "标签不等于 1（(1 − y) 项不为零）"},
     lambda y_true, p_pred, **_: bool(np.all(np.asarray(y_true) != 1))),
]
