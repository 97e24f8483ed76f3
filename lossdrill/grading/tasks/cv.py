"""ex25's tasks: contiguous k-fold indices, and choosing a regression loss by cross-validation
on data with outliers.

kfold_contiguous checks the learner's folds for several (n, k) exactly, including the n % k ≠ 0
cases whose folds are ragged (value tests cannot hold those). cv_robust_selection runs the
learner's cv_select_loss on seeded data with outliers: the scores must be the reference's, the
choice must be within 0.5% of the lowest score, and it must be a robust loss.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lossdrill.grading.compare import as_array
from lossdrill.grading.tasks.common import Caller, TaskFailure, TaskReport
from lossdrill.i18n import _
from lossdrill.sandbox.process import Outcome

LOSSES = ("mse", "mae", "huber")
ROBUST = ("mae", "huber")
# Any choice whose score is within this fraction of the lowest one is accepted.
TIE = 0.005


def _fold_pairs(outcome: Outcome, n: int, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    what = f"kfold_indices({n}, {k})"
    if not outcome.ok:
        raise TaskFailure(_("{what} failed: {message}", what=what, message=outcome.message),
                          outcome)
    folds = outcome.value
    if not isinstance(folds, (list, tuple)) or len(folds) != k:
        raise TaskFailure(_("{what} did not return a list of {k} (train_idx, val_idx) pairs",
                            what=what, k=k), outcome)
    pairs = []
    for f, pair in enumerate(folds):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise TaskFailure(_("{what}: item {f} is not a (train_idx, val_idx) pair",
                                what=what, f=f), outcome)
        arrays = []
        for part in pair:
            arr = as_array(part)
            if arr is None or arr.ndim != 1 or (arr.size and not np.all(arr == np.round(arr))):
                raise TaskFailure(_("{what}: fold {f} does not hold 1-D arrays of integer "
                                    "indices", what=what, f=f), outcome)
            arrays.append(arr.astype(np.int64))
        pairs.append((arrays[0], arrays[1]))
    return pairs


def contiguous_folds(n: int, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds of the contract, computed here independently of the reference."""
    folds = []
    for f in range(k):
        val = np.arange(f * n // k, (f + 1) * n // k)
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds


def sklearn_folds(n: int, k: int) -> list[np.ndarray]:
    """The validation blocks of scikit-learn's KFold(shuffle=False): the first n % k folds get
    one extra sample."""
    sizes = [n // k + (1 if f < n % k else 0) for f in range(k)]
    stops = np.cumsum(sizes)
    return [np.arange(stop - size, stop) for stop, size in zip(stops, sizes, strict=True)]


def _short(arr: np.ndarray) -> str:
    return np.array2string(arr, threshold=8, edgeitems=3, max_line_width=60)


def kfold_contiguous(learner: Caller, reference: Caller, params: dict[str, Any],
                     rng: np.random.Generator) -> TaskReport:
    cases = [tuple(int(v) for v in case) for case in params.get("cases", [[7, 3], [10, 5]])]
    for n, k in cases:
        try:
            got = _fold_pairs(learner("kfold_indices", {"n": n, "k": k}), n, k)
        except TaskFailure as exc:
            return TaskReport(False, str(exc), failure=exc.outcome)
        want = contiguous_folds(n, k)
        if not all(np.array_equal(g[1], w[1]) for g, w in zip(got, want, strict=True)):
            if all(np.array_equal(g[1], s) for g, s in zip(got, sklearn_folds(n, k),
                                                           strict=True)):
                return TaskReport(False, _("kfold_indices({n}, {k}) returns scikit-learn's "
                                           "KFold folds, which give the n % k extra samples to "
                                           "the first folds; here fold f validates on "
                                           "[f·n//k, (f+1)·n//k)", n=n, k=k))
            f = next(i for i, (g, w) in enumerate(zip(got, want, strict=True))
                     if not np.array_equal(g[1], w[1]))
            return TaskReport(False, _("kfold_indices({n}, {k}): fold {f} validates on {got}, "
                                       "expected the contiguous block {want} = [{start}, {stop})",
                                       n=n, k=k, f=f, got=_short(got[f][1]),
                                       want=_short(want[f][1]), start=f * n // k,
                                       stop=(f + 1) * n // k))
        for f, (g, w) in enumerate(zip(got, want, strict=True)):
            if not np.array_equal(g[0], w[0]):
                return TaskReport(False, _("kfold_indices({n}, {k}): fold {f} trains on {got}, "
                                           "expected every other index in increasing order, "
                                           "{want}", n=n, k=k, f=f, got=_short(g[0]),
                                           want=_short(w[0])))
    shown = ", ".join(f"({n}, {k})" for n, k in cases)
    return TaskReport(True, _("contiguous folds for (n, k) = {cases}", cases=shown))


def outlier_regression(rng: np.random.Generator, n: int, d: int, fraction: float
                       ) -> tuple[np.ndarray, np.ndarray]:
    """A linear target with Gaussian noise, and a `fraction` of the targets pushed far up."""
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(scale=2.0, size=d) + rng.normal() + 0.3 * rng.normal(size=n)
    outliers = rng.permutation(n)[: max(1, int(round(fraction * n)))]
    y[outliers] += rng.uniform(8.0, 15.0, size=len(outliers))
    return X, y


def _selection(outcome: Outcome, what: str) -> tuple[dict[str, float], str]:
    if not outcome.ok:
        raise TaskFailure(_("{what} failed: {message}", what=what, message=outcome.message),
                          outcome)
    value = outcome.value
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TaskFailure(_("{what} did not return a pair (scores, best)", what=what), outcome)
    scores, best = value
    if not isinstance(scores, dict) or set(scores) != set(LOSSES):
        raise TaskFailure(_("{what}: scores must be a dict with the keys {keys}", what=what,
                            keys=", ".join(LOSSES)), outcome)
    numbers = {}
    for name in LOSSES:
        arr = as_array(scores[name])
        if arr is None or arr.ndim != 0 or not np.isfinite(arr):
            raise TaskFailure(_("{what}: scores[{name}] is not a finite number", what=what,
                                name=repr(name)), outcome)
        numbers[name] = float(arr)
    if best not in LOSSES:
        raise TaskFailure(_("{what}: best must be one of {choices}", what=what,
                            choices=", ".join(LOSSES)), outcome)
    return numbers, str(best)


def cv_robust_selection(learner: Caller, reference: Caller, params: dict[str, Any],
                        rng: np.random.Generator) -> TaskReport:
    n, d, k = int(params.get("n", 60)), int(params.get("d", 2)), int(params.get("k", 5))
    X, y = outlier_regression(rng, n, d, float(params.get("outliers", 0.15)))
    args = {"X": X, "y": y, "k": k}
    ref_scores, _best = _selection(reference("cv_select_loss", args), "the reference")
    try:
        scores, best = _selection(learner("cv_select_loss", args), "cv_select_loss")
    except TaskFailure as exc:
        return TaskReport(False, str(exc), failure=exc.outcome)
    shown = ", ".join(f"{name} {scores[name]:.4g}" for name in LOSSES)
    metrics = {f"score_{name}": scores[name] for name in LOSSES}
    for name in LOSSES:
        if not np.isclose(scores[name], ref_scores[name], rtol=1e-6, atol=1e-9):
            return TaskReport(False, _("validation MAE of the {name} model: {score:.6g}, the "
                                       "reference run gives {ref:.6g}; follow the statement's "
                                       "folds, training loop and scoring exactly", name=name,
                                       score=scores[name], ref=ref_scores[name]), metrics)
    lowest = min(scores.values())
    if scores[best] > lowest * (1 + TIE):
        return TaskReport(False, _("scores {shown}: best = {best}, but the lowest score (the "
                                   "smallest validation error) is what cross-validation picks",
                                   shown=shown, best=repr(best)), metrics)
    if best not in ROBUST:
        return TaskReport(False, _("scores {shown}: best = {best} on data with outliers, where "
                                   "a robust loss (mae or huber) must win", shown=shown,
                                   best=repr(best)), metrics)
    return TaskReport(True, _("{n} samples with {percent}% outliers, {k} folds: {shown}; chose "
                              "{best}", n=n, percent=round(100 * float(params.get("outliers",
                                                                                   0.15))),
                              k=k, shown=shown, best=repr(best)), metrics)
