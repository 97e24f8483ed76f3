"""What `lossdrill grade` keeps of each check while the class is graded: the few numbers and
ids that class-wide outputs need (the gradebook, the terminal summary, junit.xml's totals).

A full result (every test's message, details, curves and the learner's output) is tens of
kilobytes; a class of 500 students × 25 exercises held whole took over 500 MB. The full
result stays in its cache file, read back when its student's outputs are written.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from lossdrill.grading.results import CheckResult, CheckStatus, TestStatus


@dataclass(frozen=True, slots=True)
class CheckSummary:
    """A graded check in a few numbers and ids."""

    status: CheckStatus
    score: float
    max_score: float
    diagnoses: tuple[str, ...]  # ids, for the summary's most common diagnoses
    # junit.xml's root element carries these totals, written before the first suite.
    tests: int
    failures: int
    errors: int
    skipped: int
    duration_s: float

    @classmethod
    def of(cls, result: CheckResult) -> CheckSummary:
        statuses = [t.status for t in result.tests]
        # Interned: thousands of checks share a handful of ids (a status is an enum member).
        return cls(result.status, result.score, result.max_score,
                   tuple(sys.intern(d.id) for d in result.diagnoses), len(statuses),
                   statuses.count(TestStatus.FAILED), statuses.count(TestStatus.ERROR),
                   statuses.count(TestStatus.SKIPPED), result.duration_s)
