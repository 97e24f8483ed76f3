"""ex24's task: the learner's train_linear_svm on two seeded Gaussian blobs; the held-out
accuracy must reach the bar, and (w, b) must be the reference run's (the update rule is fixed
exactly by the statement)."""

from __future__ import annotations

from typing import Any

import numpy as np

from lossdrill.grading.compare import as_array
from lossdrill.grading.tasks.common import Caller, TaskFailure, TaskReport
from lossdrill.grading.tasks.hinge import two_blobs
from lossdrill.i18n import _
from lossdrill.sandbox.process import Outcome


def weights_result(outcome: Outcome, d: int, what: str) -> tuple[np.ndarray, float]:
    """A (w, b) result: w of shape (d,), b a number, all finite."""
    if not outcome.ok:
        raise TaskFailure(_("{what} failed: {message}", what=what, message=outcome.message),
                          outcome)
    value = outcome.value
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TaskFailure(_("{what} did not return a pair (w, b)", what=what), outcome)
    w, b = as_array(value[0]), as_array(value[1])
    if w is None or w.shape != (d,) or not np.isfinite(w).all():
        raise TaskFailure(_("{what}: w is not {d} finite numbers", what=what, d=d), outcome)
    if b is None or b.ndim != 0 or not np.isfinite(b):
        raise TaskFailure(_("{what}: b is not a finite number", what=what), outcome)
    return w.astype(np.float64), float(b)


def linear_svm_blobs(learner: Caller, reference: Caller, params: dict[str, Any],
                     rng: np.random.Generator) -> TaskReport:
    n_train = int(params.get("n_train", 200))
    n_test = int(params.get("n_test", 300))
    need = float(params.get("min_accuracy", 0.88))
    hyper = {"lam": float(params.get("lam", 0.01)), "lr": float(params.get("lr", 0.1)),
             "epochs": int(params.get("epochs", 200))}
    X, y = two_blobs(rng, n_train + n_test, float(params.get("distance", 4.0)))
    X_tr, y_tr, X_te, y_te = X[:n_train], y[:n_train], X[n_train:], y[n_train:]
    args = {"X": X_tr, "y": y_tr, **hyper}

    w_ref, b_ref = weights_result(reference("train_linear_svm", args), 2, "the reference")
    ref_acc = float(np.mean(np.sign(X_te @ w_ref + b_ref) == y_te))
    try:
        w, b = weights_result(learner("train_linear_svm", args), 2, "train_linear_svm")
    except TaskFailure as exc:
        return TaskReport(False, str(exc), failure=exc.outcome)
    acc = float(np.mean(np.sign(X_te @ w + b) == y_te))
    metrics = {"accuracy": acc, "reference_accuracy": ref_acc, "min_accuracy": need}
    summary = _("held-out accuracy {acc:.3f} (reference {ref:.3f}, needed ≥ {need:.2f}); w = {w}, "
                "b = {b:.4g}", acc=acc, ref=ref_acc, need=need,
                w=np.array2string(w, precision=4), b=b)
    same = np.allclose(np.append(w, b), np.append(w_ref, b_ref), rtol=1e-6, atol=1e-9)
    if not same:
        return TaskReport(False, _("{summary}; the reference run ends at w = {w}, b = {b:.4g}: "
                                   "follow the update rule of the statement exactly",
                                   summary=summary, w=np.array2string(w_ref, precision=4),
                                   b=b_ref), metrics)
    if acc < need:
        return TaskReport(False, _("{summary}; accuracy too low", summary=summary), metrics)
    return TaskReport(True, summary, metrics)
