"""Trusted functions (references, mistake variants) called exactly as a learner's would be.

The call goes through the same encode → read-only decode → call → encode → validate path as
the learner process, so a reference is held to the same rules (read-only inputs, plain
results) and its results have the same types as a learner's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lossdrill.sandbox import worker
from lossdrill.sandbox.process import Outcome, interpret
from lossdrill.sandbox.protocol import encode


class LocalFunctions:
    def __init__(self, functions: dict[str, Callable[..., Any]], path: str = "") -> None:
        self.functions = functions
        self.path = path

    def call(self, function: str, args: dict[str, Any], timeout: float | None = None) -> Outcome:
        fn = self.functions.get(function)
        if fn is None:
            return Outcome(False, kind="missing", message="no such function")
        encoded = {name: encode(value) for name, value in args.items()}
        response = worker.call(fn, encoded, self.path)
        return interpret(response)
