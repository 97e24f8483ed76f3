"""What the grader and its children say to each other — watch mode's and the API's checks, and
a class's grade workers alike: the request, the answer, their one codec (JSON lines; results
as grading.results gives them as data, never pickled), and the one classification of what
can go wrong in a child.

A child is the grader's own code, but the learner's code runs a level below it, in the
child's learner process. Where the kernel does not confine that process, it could still open
its parent's channel (/proc/PPID/fd/N) and write a forged answer: so an answer line starts
with a secret token sent with the request — read before any learner's file was loaded — and
a line without it is ignored.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import asdict, dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from lossdrill.errors import SpecError, UsageError
from lossdrill.grading.results import CheckResult, plain, result_from_data
from lossdrill.sandbox.process import DEFAULT_MEMORY

if TYPE_CHECKING:
    from lossdrill.grading.curves import Sweep


@dataclass(frozen=True)
class GradeRequest:
    """One file to grade for one exercise of a pack, and how."""

    file: str  # absolute
    exercise: str  # its id
    exercises: str  # the pack's folders
    solutions: str
    label: str  # the file's name in the result
    seed: int | None = None
    timeout: float | None = None  # per call; None: the exercise's own
    memory: int = DEFAULT_MEMORY
    deny: tuple[str, ...] = ()  # kept unreadable besides the packs (other students' work)
    plot: bool = False  # the loss curves of a failing check
    key: str = ""  # a class's run: the check this grades
    budget: float = 0.0  # a class's run: wall-clock seconds before its worker is stopped


class Trouble(str, Enum):
    """What kept a request from its result."""

    SPEC = "spec"  # the exercise (its spec or reference) is broken: the instructor's to fix
    LEARNER = "learner"  # the learner's file cannot be read (say, a notebook that is not one)
    GRADER = "grader"  # lossdrill itself failed: a bug to report
    DIED = "died"  # the child grading it died
    BUDGET = "budget"  # it took longer than its wall-clock budget


@dataclass(frozen=True)
class Failure:
    trouble: Trouble
    message: str


@dataclass
class Answer:
    """A child's answer: the result and the curves as data (grading.results, grading.curves),
    or the failure."""

    result: dict[str, Any] | None = None
    sweep: dict[str, Any] | None = None
    failure: Failure | None = None

    def check_result(self) -> CheckResult:
        assert self.result is not None
        return result_from_data(self.result)

    def curves(self) -> Sweep | None:
        from lossdrill.grading.curves import sweep_from_data

        return sweep_from_data(self.sweep) if self.sweep is not None else None


def classify(exc: Exception) -> Failure:
    """The one classification of an exception raised while a child grades a request."""
    if isinstance(exc, SpecError):
        return Failure(Trouble.SPEC, str(exc))
    if isinstance(exc, UsageError):  # the learner's file itself: an unreadable notebook
        return Failure(Trouble.LEARNER, str(exc))
    return Failure(Trouble.GRADER, f"{type(exc).__name__}: {exc}")


# -- the codec ------------------------------------------------------------------------------
# ASCII JSON: a lone surrogate (a name's byte that is not UTF-8, in a learner's text) travels
# as its escape; and no line break inside a message.


def encode_request(token: str, request: GradeRequest) -> bytes:
    return json.dumps({"token": token, **asdict(request)}).encode("ascii") + b"\n"


def decode_request(line: bytes) -> tuple[str, GradeRequest]:
    """The token and the request of a line; ValueError, KeyError or TypeError when it is
    not one (the parent is the grader itself: that is a bug)."""
    data = json.loads(line)
    token = str(data.pop("token"))
    data["deny"] = tuple(data.get("deny", ()))
    return token, GradeRequest(**data)


def encode_answer(token: str, *, result: CheckResult | None = None, sweep: Sweep | None = None,
                  failure: Failure | None = None) -> bytes:
    """One line: the token, then the answer. A result is written field by field as
    result_to_data gives it, without copying it whole into dicts first."""
    body: dict[str, Any] = {"result": result, "sweep": sweep}
    if failure is not None:
        body["failure"] = {"trouble": failure.trouble.value, "message": failure.message}
    try:
        text = json.dumps(body, default=plain)
    except (TypeError, ValueError) as exc:
        text = json.dumps({"failure": {"trouble": Trouble.GRADER.value,
                                       "message": f"unreadable result ({exc})"}})
    return token.encode("ascii") + b" " + text.encode("ascii") + b"\n"


def read_answer(token: str, line: bytes) -> Answer | None:
    """The answer a line holds, if it starts with ``token``; a line that does yet cannot be
    read is a failure of the grader."""
    head, _, body = line.partition(b" ")
    if not hmac.compare_digest(head, token.encode("ascii")):
        return None
    try:
        data = json.loads(body)
        failure = data.get("failure")
        return Answer(data.get("result"), data.get("sweep"), None if failure is None else
                      Failure(Trouble(failure["trouble"]), str(failure["message"])))
    except (ValueError, KeyError, TypeError, AttributeError):
        return Answer(failure=Failure(Trouble.GRADER,
                                      "the grader process sent an unreadable answer"))


def find_answer(token: str, output: bytes) -> Answer | None:
    """The answer among the complete lines of ``output`` (a child killed mid-write leaves a
    partial one, which is no answer)."""
    for line in output.split(b"\n")[:-1]:
        answer = read_answer(token, line)
        if answer is not None:
            return answer
    return None
