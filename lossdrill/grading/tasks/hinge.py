"""ex3's task: train a linear classifier by subgradient descent with the learner's hinge
loss and subgradient, and compare with the same run on the reference."""

from __future__ import annotations

from typing import Any

import numpy as np

from lossdrill.grading.tasks.common import (
    Caller,
    TaskFailure,
    TaskReport,
    scalar_result,
    vector_result,
)
from lossdrill.i18n import _


def two_blobs(rng: np.random.Generator, n: int, distance: float) -> tuple[np.ndarray, np.ndarray]:
    """Two unit-variance Gaussian blobs in 2-D, `distance` apart, labels −1 and +1."""
    angle = rng.uniform(0, 2 * np.pi)
    direction = np.array([np.cos(angle), np.sin(angle)])
    y = np.where(rng.random(n) < 0.5, -1.0, 1.0)
    X = rng.normal(size=(n, 2)) + np.outer(y, direction) * distance / 2
    return X, y


def train_hinge(call: Caller, X: np.ndarray, y: np.ndarray, epochs: int, lr: float
                ) -> tuple[np.ndarray, float, list[float]]:
    """Full-batch subgradient descent; ∂L/∂w = Xᵀ·∂L/∂s and ∂L/∂b = Σ ∂L/∂s (the chain rule)."""
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for epoch in range(epochs):
        scores = X @ w + b
        args = {"y_true": y, "scores": scores}
        losses.append(scalar_result(call("hinge_loss", args),
                                    _("hinge_loss at epoch {epoch}", epoch=epoch)))
        grad = vector_result(call("hinge_grad", args),
                             _("hinge_grad at epoch {epoch}", epoch=epoch), len(y))
        w = w - lr * (X.T @ grad)
        b = b - lr * float(grad.sum())
    return w, b, losses


def hinge_classifier(learner: Caller, reference: Caller, params: dict[str, Any],
                     rng: np.random.Generator) -> TaskReport:
    n_train = int(params.get("n_train", 200))
    n_test = int(params.get("n_test", 200))
    epochs = int(params.get("epochs", 100))
    lr = float(params.get("lr", 0.5))
    need = float(params.get("min_accuracy", 0.88))
    X, y = two_blobs(rng, n_train + n_test, float(params.get("distance", 3.0)))
    X_tr, y_tr, X_te, y_te = X[:n_train], y[:n_train], X[n_train:], y[n_train:]

    w_ref, b_ref, ref_losses = train_hinge(reference, X_tr, y_tr, epochs, lr)
    ref_acc = float(np.mean(np.sign(X_te @ w_ref + b_ref) == y_te))
    try:
        w, b, losses = train_hinge(learner, X_tr, y_tr, epochs, lr)
    except TaskFailure as exc:
        return TaskReport(False, _("training stopped: {reason}", reason=exc),
                          failure=exc.outcome,
                          curves={"reference": ref_losses})
    acc = float(np.mean(np.sign(X_te @ w + b) == y_te))
    curves = {"learner": losses, "reference": ref_losses}
    metrics = {"accuracy": acc, "reference_accuracy": ref_acc, "min_accuracy": need}
    summary = _("held-out accuracy {acc:.3f} (reference {ref:.3f}, needed ≥ {need:.2f}); loss "
                "{first:.4g} → {last:.4g} (reference {ref_last:.4g})", acc=acc, ref=ref_acc,
                need=need, first=losses[0], last=losses[-1], ref_last=ref_losses[-1])
    agree = np.isclose(losses, ref_losses, rtol=1e-6, atol=1e-9)
    if not agree.all():
        epoch = int(np.argmin(agree))
        return TaskReport(False, _("{summary}; the loss curve leaves the reference run at epoch "
                                   "{epoch} ({got:.6g} vs {want:.6g})", summary=summary,
                                   epoch=epoch, got=losses[epoch], want=ref_losses[epoch]),
                          metrics, curves)
    if acc < need:
        return TaskReport(False, _("{summary}; accuracy too low", summary=summary), metrics,
                          curves)
    return TaskReport(True, summary, metrics, curves)

