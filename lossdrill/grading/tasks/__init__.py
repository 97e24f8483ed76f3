"""End-to-end tasks: the grader trains a model with the learner's functions.

The training loop runs in the grader and calls the learner's functions through the same
channel as every other test, so the learner never sees held-out labels nor the reference's
trajectory. Each task runs the same loop on the reference for comparison. A task module
defines one function ``(learner, reference, params, rng) -> TaskReport``, registered here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from lossdrill.grading.tasks.common import Caller, TaskFailure, TaskReport
from lossdrill.grading.tasks.cv import cv_robust_selection, kfold_contiguous
from lossdrill.grading.tasks.hinge import hinge_classifier
from lossdrill.grading.tasks.numgrad import numgrad_analytic
from lossdrill.grading.tasks.robust import robust_line_fit
from lossdrill.grading.tasks.stepsize import gradient_error_curve
from lossdrill.grading.tasks.svm import linear_svm_blobs

Task = Callable[[Caller, Caller, dict[str, Any], np.random.Generator], TaskReport]

TASKS: dict[str, Task] = {
    "hinge_classifier": hinge_classifier,
    "numgrad_analytic": numgrad_analytic,
    "linear_svm_blobs": linear_svm_blobs,
    "kfold_contiguous": kfold_contiguous,
    "cv_robust_selection": cv_robust_selection,
    "robust_line_fit": robust_line_fit,
    "gradient_error_curve": gradient_error_curve,
}

__all__ = ["TASKS", "Caller", "Task", "TaskFailure", "TaskReport"]
