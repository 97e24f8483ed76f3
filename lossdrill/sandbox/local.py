"""Trusted functions (references, mistake variants) called exactly as a learner's would be.

The call goes through the same encode → read-only decode → call → encode → validate path as
the learner process, so a reference is held to the same rules (read-only inputs, plain
results) and its results have the same types as a learner's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from lossdrill.sandbox import serve, testfns
from lossdrill.sandbox.process import Outcome, interpret
from lossdrill.sandbox.protocol import FunctionRef, RngSeed


class LocalFunctions:
    def __init__(self, functions: dict[str, Callable[..., Any]], path: str = "") -> None:
        self.functions = functions
        self.path = path

    def call(self, function: str, args: dict[str, Any], timeout: float | None = None) -> Outcome:
        fn = self.functions.get(function)
        if fn is None:
            return Outcome(False, kind="missing", message="no such function")
        values = [learner_argument(value) for value in args.values()]
        return interpret(serve.call_with(fn, values, self.path))


def learner_argument(value: Any) -> Any:
    """An argument as the learner process would decode it: arrays read-only (views: trusted
    code does not flip the flag back), generators fresh, functions bound."""
    if isinstance(value, np.ndarray):
        view = value.view()
        view.flags.writeable = False
        return view
    if isinstance(value, RngSeed):
        return np.random.default_rng(value.seed)
    if isinstance(value, FunctionRef):
        bound = {k: learner_argument(v) for k, v in value.bound.items()}
        return partial(testfns.FUNCTIONS[value.name], **bound)
    return value
