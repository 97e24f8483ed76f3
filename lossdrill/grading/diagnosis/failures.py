"""How a failed call is told to the learner: in full, and in the form a hidden test shows.

The public form withholds everything the learner's code controls: its exception messages,
its traceback, its sys.exit argument, the text it returned, even the names of exception
classes it defined (a class name can carry data). What is left is said in the grader's own
words. Which form is shown is decided in disclosure.py.

What the grader itself saw happen to the learner process (a timeout, a death by signal, a
process restarted too often) comes as an event and its facts (sandbox/process.py, the
service's session), and is worded here.
"""

from __future__ import annotations

import builtins
from typing import Any

from lossdrill.grading.disclosure import Said
from lossdrill.grading.observation import FailureKind
from lossdrill.i18n import _
from lossdrill.sandbox.process import Outcome

# Exception names that cannot carry a learner's data: Python's and NumPy's own, as the learner
# process names them (a builtin plainly, any other class with its module: serve.class_name).
SAFE_EXCEPTIONS = frozenset(
    name for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
) | {f"numpy.{where}{name}" for where in ("", "linalg.", "exceptions.")
     for name in ("LinAlgError", "AxisError", "ComplexWarning", "RankWarning", "TooHardError")}

# Kinds whose message the grader writes itself (timeouts, deaths by signal, restarts).
_GRADERS_OWN = frozenset({FailureKind.TIMEOUT, FailureKind.DIED, FailureKind.GAVE_UP,
                          FailureKind.PROTOCOL})
_RAISED = frozenset({FailureKind.EXCEPTION, FailureKind.IMPORT})

_HIDDEN_TEXT: dict[str, str] = {
    FailureKind.EXIT: "sys.exit or os._exit was called",
    FailureKind.INPLACE: "modified an argument in place, but inputs are read-only: work on a "
                         "copy",
    FailureKind.BAD_RETURN: "returned something that is not a number or an array of numbers",
    FailureKind.MEMORY: "ran out of memory",
    FailureKind.MISSING: "the function is missing",
}


def exception_name(outcome: Outcome) -> Said:
    """The exception's class, in full, and the most specific one of its classes that a hidden
    test may show."""
    return Said(_exception_name(outcome, False), _exception_name(outcome, True))


def describe_failure(outcome: Outcome) -> Said:
    """What went wrong in a call, in the learner's terms, in both forms."""
    return Said(_described(outcome, False), _described(outcome, True))


def _exception_name(outcome: Outcome, hidden: bool) -> str:
    for name in outcome.exc_types:
        if not hidden or name in SAFE_EXCEPTIONS:
            return name
    return _("an exception")


def _described(outcome: Outcome, hidden: bool) -> str:
    if outcome.kind in _GRADERS_OWN:
        return outcome.message
    if hidden:
        if outcome.kind in _RAISED:
            return _("raised {name}", name=_exception_name(outcome, hidden))
        return _(_HIDDEN_TEXT.get(outcome.kind, "failed"))
    if outcome.kind == FailureKind.INPLACE:
        return _("modified an argument in place, but inputs are read-only: work on a copy "
                 "(`{line}`)", line=_last_line(outcome))
    if outcome.kind in _RAISED and outcome.exc_types:
        return _("raised an exception:\n{traceback}",
                 traceback=outcome.traceback or outcome.message)
    return outcome.message


def _last_line(outcome: Outcome) -> str:
    return (outcome.traceback or outcome.message).strip().splitlines()[-1]


def worded(outcome: Outcome) -> Outcome:
    """``outcome`` with its event, if it has one, said as its message in the learner's
    language."""
    if outcome.event:
        outcome.message = event_message(outcome.event, outcome.facts)
    return outcome


def event_message(event: str, facts: dict[str, Any]) -> str:
    if event == "timeout":
        return _("did not finish within {seconds} s", seconds=f"{facts['seconds']:g}")
    if event == "killed":
        hint = {"SIGKILL": _(" (often the memory cap)"), "SIGXCPU": _(" (the CPU time cap)")}
        return _("the learner process was killed by {signal}{hint}", signal=facts["signal"],
                 hint=hint.get(facts["signal"], ""))
    if event == "exited":
        return _("the learner process exited (code {code}) — sys.exit or os._exit",
                 code=facts["code"])
    if event == "invalid":
        return _("sent an invalid result: {error}", error=facts["error"])
    if event == "closed":
        return _("the learner process closed its channel to the grader")
    if event == "gave-up-after-timeout":
        return _("not run: an earlier call to {function} did not finish within {seconds} s",
                 function=facts["function"], seconds=f"{facts['seconds']:g}")
    if event == "gave-up-after-restarts":
        return _("not run: the learner process stopped too often (see the tests above)")
    return _("the learner process is not running")  # not-running
