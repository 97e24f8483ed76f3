"""ex27's task: a logistic model on a 95/5 data set, trained twice with the learner's weighted
cross-entropy and its gradient — once with the learner's "balanced" class weights, once with
every weight 1 — and the minority class's recall of each on held-out data.

The grader runs both trainings (full-batch gradient descent on w·x + b, the gradient with
respect to the probabilities chained through the sigmoid: ∂L/∂z = ∂L/∂p · p(1 − p)) and the
same two on the reference; the learner's loss curves must be the reference's, and the
balanced run must find the minority class that the unweighted one largely misses.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lossdrill.errors import SpecError
from lossdrill.grading.tasks.common import (
    Caller,
    TaskFailure,
    TaskReport,
    scalar_result,
    vector_result,
)
from lossdrill.i18n import N_, _


def imbalanced_blobs(rng: np.random.Generator, n: int, minority: float, distance: float,
                     direction: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two unit-variance Gaussian blobs `distance` apart along `direction`; exactly
    round(minority·n) samples (at random places) are class 1, the rest class 0."""
    y = np.zeros(n, dtype=np.int64)
    y[rng.choice(n, int(round(minority * n)), replace=False)] = 1
    X = rng.normal(size=(n, 2)) + np.outer(y - 0.5, direction) * distance
    return X, y


def train_logistic(call: Caller, X: np.ndarray, y: np.ndarray, weights: np.ndarray,
                   epochs: int, lr: float) -> tuple[np.ndarray, float, list[float]]:
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for epoch in range(epochs):
        z = X @ w + b
        p = np.exp(-np.logaddexp(0.0, -z))  # the sigmoid, without overflow
        args = {"y_true": y, "probs": p, "weights": weights}
        losses.append(scalar_result(call("weighted_cross_entropy", args),
                                    _("weighted_cross_entropy at epoch {epoch}", epoch=epoch)))
        grad = vector_result(call("weighted_cross_entropy_grad", args),
                             _("weighted_cross_entropy_grad at epoch {epoch}", epoch=epoch),
                             len(y))
        dz = grad * p * (1.0 - p)
        w = w - lr * (X.T @ dz)
        b = b - lr * float(dz.sum())
    return w, b, losses


def _recall_accuracy(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float
                     ) -> tuple[float, float]:
    predicted = (X @ w + b > 0).astype(np.int64)
    return float(np.mean(predicted[y == 1] == 1)), float(np.mean(predicted == y))


def imbalanced_recall(learner: Caller, reference: Caller, params: dict[str, Any],
                      rng: np.random.Generator) -> TaskReport:
    n_train, n_test = int(params.get("n_train", 400)), int(params.get("n_test", 2000))
    minority = float(params.get("minority", 0.05))
    distance = float(params.get("distance", 2.5))
    epochs, lr = int(params.get("epochs", 60)), float(params.get("lr", 2.0))
    need, gain = float(params.get("min_recall", 0.6)), float(params.get("min_gain", 0.1))
    angle = rng.uniform(0, 2 * np.pi)
    direction = np.array([np.cos(angle), np.sin(angle)])
    X_tr, y_tr = imbalanced_blobs(rng, n_train, minority, distance, direction)
    X_te, y_te = imbalanced_blobs(rng, n_test, minority, distance, direction)

    args = {"y": y_tr, "n_classes": 2}
    try:
        balanced_ref = vector_result(reference("class_weights", args), "class_weights", 2)
    except TaskFailure as exc:  # the pack's fault, not the learner's
        raise SpecError(f"the reference's {exc}; fix the reference") from exc
    try:
        balanced = vector_result(learner("class_weights", args), "class_weights", 2)
    except TaskFailure as exc:
        return TaskReport(False, str(exc), failure=exc.outcome)
    if not np.allclose(balanced, balanced_ref, rtol=1e-9, atol=1e-12):
        return TaskReport(False, _(
            "class_weights of the training labels ({minority} of {n} in class 1) returned "
            "{got}; \"balanced\" gives {want}", minority=int(y_tr.sum()), n=n_train,
            got=np.array2string(balanced, precision=6),
            want=np.array2string(balanced_ref, precision=6)))

    results = []
    curves: dict[str, list[float]] = {}
    for which, weights in ((N_("with the balanced weights"), balanced_ref),
                           (N_("with every weight 1"), np.ones(2))):
        ref_losses = train_logistic(reference, X_tr, y_tr, weights, epochs, lr)[2]
        try:
            w, b, losses = train_logistic(learner, X_tr, y_tr, weights, epochs, lr)
        except TaskFailure as exc:
            return TaskReport(False, _("training stopped: {reason}", reason=exc),
                              failure=exc.outcome, curves={"reference": ref_losses})
        curves = curves or {"learner": losses, "reference": ref_losses}  # the balanced run's
        agree = np.isclose(losses, ref_losses, rtol=1e-6, atol=1e-9)
        if not agree.all():
            epoch = int(np.argmin(agree))
            return TaskReport(False, _(
                "{which}, the loss curve leaves the reference run at epoch {epoch} ({got:.6g} "
                "vs {want:.6g})", which=_(which), epoch=epoch, got=losses[epoch],
                want=ref_losses[epoch]), curves={"learner": losses, "reference": ref_losses})
        results.append(_recall_accuracy(X_te, y_te, w, b))

    (recall, accuracy), (plain_recall, plain_accuracy) = results
    metrics = {"recall": recall, "unweighted_recall": plain_recall, "accuracy": accuracy,
               "unweighted_accuracy": plain_accuracy}
    summary = _("minority recall {recall:.2f} with balanced weights, {plain:.2f} without "
                "(accuracy {accuracy:.3f} and {plain_accuracy:.3f}: the unweighted model "
                "buys its accuracy by missing the minority)", recall=recall, plain=plain_recall,
                accuracy=accuracy, plain_accuracy=plain_accuracy)
    if recall < need or recall < plain_recall + gain:
        return TaskReport(False, _("{summary}; needed a recall of at least {need:.2f} and "
                                   "{gain:.2f} above the unweighted run's", summary=summary,
                                   need=need, gain=gain), metrics, curves)
    return TaskReport(True, summary, metrics, curves)
