"""What grading sees of one call of the learner's code: how it failed, if it did, and the
observation kept of it for diagnosis."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import StrEnum, TestKind, Visibility


class FailureKind(StrEnum):
    """Why a load or a call of the learner's code did not return a value (``Outcome.kind``;
    the sandbox reports them as these strings, and the learner process may claim only those
    up to EXIT)."""

    # Said by the learner process about the file or the call.
    SYNTAX = "syntax"  # the file does not parse
    IMPORT = "import"  # importing it failed (or it cannot be read)
    EXCEPTION = "exception"  # the code raised
    INPLACE = "inplace"  # it wrote to a read-only input
    BAD_RETURN = "bad-return"  # it returned something that is not numbers
    MISSING = "missing"  # no such function (or, offline, no recorded answer)
    MEMORY = "memory"  # MemoryError
    EXIT = "exit"  # sys.exit, os._exit, or the process exited
    # Said by the grader about the process.
    TIMEOUT = "timeout"  # no answer within the time limit: the process was killed
    DIED = "died"  # killed by a signal (often the memory or CPU cap)
    PROTOCOL = "protocol"  # an answer that is not a valid result
    GAVE_UP = "gave-up"  # not called: it hung before, or the process died too often


# Failures after which the learner process is gone.
FATAL = frozenset({FailureKind.TIMEOUT, FailureKind.DIED, FailureKind.EXIT,
                   FailureKind.PROTOCOL})


@dataclass
class Observation:
    """One call of a learner's function on a test's inputs, kept for diagnosis."""

    test: str
    kind: TestKind  # value, raises or gradient
    function: str
    args: dict[str, Any]
    got: Outcome
    passed: bool
    expected: Any = None
    problem: str = ""  # a Comparison's problem, a FailureKind, or "no-raise"
    variants: dict[str, Outcome] = field(default_factory=dict)
    # Of a hidden test: a diagnosis resting on this call says nothing the learner's code wrote.
    visibility: Visibility = Visibility.VISIBLE
