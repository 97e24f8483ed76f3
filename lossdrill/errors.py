"""Errors that mean bad input, not bad learner code: the CLI maps them to exit code 2."""


class LossdrillError(Exception):
    """A one-line message naming the file, the place in it and the fix."""


class SpecError(LossdrillError):
    """An exercise spec (or its reference solution) is invalid."""


class UsageError(LossdrillError):
    """A bad invocation: unknown exercise, missing file, a directory given for a file, …"""
