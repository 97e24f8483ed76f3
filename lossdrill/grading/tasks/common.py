"""What every task shares: its report, its failure, and validated reads of learner results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lossdrill.grading.compare import as_array
from lossdrill.i18n import _
from lossdrill.sandbox.process import Outcome

Caller = Callable[[str, dict[str, Any]], Outcome]


@dataclass
class TaskReport:
    passed: bool
    message: str
    metrics: dict[str, float] = field(default_factory=dict)
    curves: dict[str, list[float]] = field(default_factory=dict)
    failure: Outcome | None = None  # the learner's call that went wrong, if one did


class TaskFailure(Exception):
    def __init__(self, message: str, outcome: Outcome | None = None) -> None:
        super().__init__(message)
        self.outcome = outcome


def scalar_result(outcome: Outcome, what: str) -> float:
    if not outcome.ok:
        raise TaskFailure(_("{what} failed: {message}", what=what, message=outcome.message),
                          outcome)
    arr = as_array(outcome.value)
    if arr is None or arr.ndim != 0 or not np.isfinite(arr):
        raise TaskFailure(_("{what} did not return a finite number", what=what), outcome)
    return float(arr)


def vector_result(outcome: Outcome, what: str, n: int) -> np.ndarray:
    if not outcome.ok:
        raise TaskFailure(_("{what} failed: {message}", what=what, message=outcome.message),
                          outcome)
    arr = as_array(outcome.value)
    if arr is None or arr.shape != (n,) or not np.isfinite(arr).all():
        raise TaskFailure(_("{what} did not return {n} finite numbers", what=what, n=n),
                          outcome)
    return arr.astype(np.float64)
