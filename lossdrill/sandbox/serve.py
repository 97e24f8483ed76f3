"""The learner process: import the learner's file, then serve calls until told to stop.

Runs in its own interpreter, started before any reference is loaded, so nothing secret is
in its memory. It imports NumPy (so a check does not pay for it after the learner's file is
known) and the protocol, nothing else of the grader. Everything here is best effort on
behalf of an untrusted file: the grader validates whatever comes back.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import resource
import signal
import sys
import traceback
import types
from collections.abc import Callable
from typing import Any

import numpy as np  # noqa: F401  (warm start: the learner's `import numpy` is then free)

from lossdrill.sandbox import testfns  # noqa: F401  (loaded before confinement)
from lossdrill.sandbox.protocol import (
    EncodeError,
    decode,
    describe_type,
    encode,
    read_message_blocking,
    write_message,
)

LEARNER_MODULE = "learner"


def apply_limits(memory_bytes: int, cpu_seconds: int, file_bytes: int = 0) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if file_bytes > 0:
        # A write past the cap fails with EFBIG (an OSError the learner's code sees) rather
        # than killing the process with SIGXFSZ.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if cpu_seconds > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def learner_traceback(exc: BaseException, path: str) -> str:
    """The traceback restricted to the learner's own lines, and the exception itself. The
    other frames are left out before any source line is looked up: reading the files of the
    grader's and NumPy's frames would cost more than the rest."""
    own = [tb for tb in _chain(exc.__traceback__) if tb.tb_frame.f_code.co_filename == path]
    kept = None
    for tb in reversed(own):
        kept = types.TracebackType(kept, tb.tb_frame, tb.tb_lasti, tb.tb_lineno)
    lines = traceback.format_list(traceback.extract_tb(kept)) if kept is not None else []
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines).rstrip()


def _chain(tb: types.TracebackType | None) -> list[types.TracebackType]:
    out = []
    while tb is not None:
        out.append(tb)
        tb = tb.tb_next
    return out


def load_module(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            source = handle.read()
        code = compile(source, path, "exec")
    except SyntaxError as exc:
        return {
            "ok": False,
            "kind": "syntax",
            "line": exc.lineno,
            "message": f"{type(exc).__name__}: {exc.msg} (line {exc.lineno})",
            "traceback": "".join(traceback.format_exception_only(type(exc), exc)).rstrip(),
        }
    except (OSError, ValueError) as exc:
        return {"ok": False, "kind": "import", "message": f"cannot read the file: {exc}"}
    module = types.ModuleType(LEARNER_MODULE)
    module.__file__ = path
    sys.modules[LEARNER_MODULE] = module
    sys.path.insert(0, os.path.dirname(path))  # the learner may import helpers beside the file
    try:
        exec(code, module.__dict__)
    except BaseException as exc:  # noqa: BLE001  (anything the file does at import is reported)
        return {"ok": False, **exception_report(exc, path)}
    functions = sorted(
        name
        for name, value in vars(module).items()
        if callable(value) and not name.startswith("_") and not isinstance(value, type)
        and getattr(value, "__module__", None) == LEARNER_MODULE
    )
    return {"ok": True, "functions": functions}


def exception_report(exc: BaseException, path: str) -> dict[str, Any]:
    """What the learner's code raised, as the error response's fields (kind, message, …)."""
    if isinstance(exc, SystemExit):
        return {"kind": "exit", "message": f"called sys.exit({exc.code!r})"}
    if isinstance(exc, MemoryError):
        return {"kind": "memory", "message": "ran out of memory (MemoryError)"}
    if isinstance(exc, KeyboardInterrupt):
        return {"kind": "exception", "message": "raised KeyboardInterrupt"}
    text = learner_traceback(exc, path)
    kind = "exception"
    if isinstance(exc, ValueError) and "read-only" in str(exc):
        kind = "inplace"
    elif isinstance(exc, ImportError):
        kind = "import"
    return {"kind": kind, "types": [class_name(c) for c in type(exc).__mro__[:-1]],
            "message": text.splitlines()[-1], "traceback": text}


def class_name(cls: type) -> str:
    """A builtin exception by its plain name (``ValueError``); any other class by its module
    too (``learner.ValueError``), so a class merely named like a builtin is never taken for
    it."""
    name = getattr(cls, "__name__", "?")
    if getattr(builtins, name, None) is cls:
        return name
    return f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', name)}"


def call(function: Callable[..., Any], args: dict[str, Any], path: str) -> dict[str, Any]:
    """Call with read-only arguments, in the order the spec lists them."""
    values = [decode(v, readonly=True, learner_side=True) for v in args.values()]
    return call_with(function, values, path)


def call_with(function: Callable[..., Any], values: list[Any], path: str) -> dict[str, Any]:
    """Call with arguments already decoded; the response as the grader receives it."""
    try:
        result = function(*values)
    except BaseException as exc:  # noqa: BLE001
        return {"ok": False, **exception_report(exc, path)}
    try:
        return {"ok": True, "value": encode(result)}
    except EncodeError as exc:
        return {"ok": False, "kind": "bad-return", "message": f"returned {exc}"}
    except BaseException as exc:  # noqa: BLE001  (a result whose conversion itself fails)
        return {"ok": False, "kind": "bad-return", "message": f"returned {describe_type(result)}"
                f" that could not be read ({type(exc).__name__})"}


def serve(request_fd: int, response_fd: int) -> None:
    module: dict[str, Any] = {}
    path = ""
    while True:
        try:
            request = read_message_blocking(request_fd)
        except EOFError:
            return
        op = request.get("op")
        if op == "load":
            path = str(request["path"])
            apply_limits(int(request.get("memory", 0)), int(request.get("cpu", 0)),
                         int(request.get("fsize", 0)))
            rules = request.get("confine")
            protections = []
            if rules:
                # Imported here, not at the top: the grader imports this module too (to call
                # references as a learner's functions are called) and never confines itself.
                from lossdrill.sandbox import confine as confinement

                try:
                    protections = confinement.confine(path, os.getcwd(),
                                                      list(rules["denied"]))
                except Exception as exc:  # degrade to the rlimits rather than fail the check
                    protections = [f"confinement failed ({type(exc).__name__}: {exc})"]
            response = {**load_module(path), "protections": protections}
            module = vars(sys.modules[LEARNER_MODULE]) if response["ok"] else {}
        elif op == "call":
            function = module.get(str(request["function"]))
            if not callable(function):
                response = {"ok": False, "kind": "missing", "message": "no such function"}
            else:
                response = call(function, request["args"], path)
        else:
            return
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BaseException):  # the learner may have replaced the stream
                stream.flush()
        write_message(response_fd, response)


def main(argv: list[str]) -> None:
    """A learner process spawned as a fresh interpreter (spawn.py): say ready, then serve;
    the limits and the confinement come with the load request."""
    request_fd, response_fd = (int(a) for a in argv)
    write_message(response_fd, {"ready": True})
    serve(request_fd, response_fd)


if __name__ == "__main__":
    main(sys.argv[1:])
