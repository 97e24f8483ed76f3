"""Errors that mean bad input, not bad learner code: the CLI maps them to exit code 2."""

from __future__ import annotations

import sys


class LossdrillError(Exception):
    """A one-line message naming the file, the place in it and the fix."""


class SpecError(LossdrillError):
    """An exercise spec (or its reference solution) is invalid."""


class UsageError(LossdrillError):
    """A bad invocation: unknown exercise, missing file, a directory given for a file, …"""


def report(exc: LossdrillError) -> int:
    """Say on stderr, in one line, what is wrong; return the exit code for bad input. The
    message may name the learner's file: what its name holds is shown, never obeyed."""
    from lossdrill.escape import visible
    from lossdrill.i18n import _

    print(_("lossdrill: error: {message}", message=visible(str(exc), one_line=True)),
          file=sys.stderr)
    return 2
