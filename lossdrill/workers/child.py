"""A grader child: the grader's own code in a process of its own, which grades each request it
reads on stdin (messages.py) through the service — exactly as `lossdrill check` grades — and
answers it on a private copy of stdout (anything printed by accident goes to stderr). Started
with ``start_child``, in one of two modes:

- ``check MEMORY``: one check of watch mode or the API, which the parent may abandon at once
  (SIGTERM). Its learner process starts as soon as the child does, while it waits for the
  request, and the grader's modules are loaded meanwhile.
- ``grade [CPU]``: a grade worker of a class's pool, one job after another, kept on one CPU
  when given one; learner processes are forked from a warm fork server where the platform
  allows, the next one started while the answer to the last travels.

SIGTERM unwinds through the `finally` that kills the learner processes' groups, and the child
exits with 128 + SIGTERM; Ctrl-C is the parent's to handle.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from lossdrill.sandbox.spawn import python_command
from lossdrill.service.launcher import Launcher, Terms
from lossdrill.workers.messages import GradeRequest, classify, decode_request, encode_answer

if TYPE_CHECKING:  # imported once the learner process of a check has started
    from lossdrill.service.options import Options
    from lossdrill.spec.catalog import Catalog
    from lossdrill.spec.model import Exercise

# A child per core (a pool), or beside the learner's own work (a check): a BLAS thread pool in
# each would only spin on the cores the others and the learner processes need.
_ONE_THREAD = {var: "1" for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                    "MKL_NUM_THREADS")}


def start_child(*args: str, stderr: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    """A grader child in the mode ``args`` says (see the module's docstring): its stdin takes
    requests, its stdout gives answers (made non-blocking here)."""
    proc = subprocess.Popen(python_command("lossdrill.workers.child", *args),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=stderr if stderr is not None else subprocess.DEVNULL,
                            env={**_ONE_THREAD, **os.environ})
    assert proc.stdout is not None
    os.set_blocking(proc.stdout.fileno(), False)
    return proc


class Stopped(BaseException):
    """SIGTERM: unwind, closing the learner processes on the way out."""


def _stop(signum: int, frame: Any) -> None:
    raise Stopped


def main(argv: list[str]) -> None:
    mode, rest = argv[0], argv[1:]
    if mode == "grade" and rest and hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError, ValueError):
            os.sched_setaffinity(0, {int(rest[0])})
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    grader: Grader | None = None
    try:
        grader = Grader(fork=mode == "grade")
        if mode == "check":
            grader.launcher.prepare(Terms(memory=int(rest[0])))
        import lossdrill.service.grade  # noqa: F401  (loaded while waiting for the request)

        for line in sys.stdin.buffer:
            if not line.strip():
                continue
            token, request = decode_request(line)
            channel.write(grader.answer(token, request))
            channel.flush()
            if mode == "grade":  # the next learner process starts while the answer travels
                grader.prepare(request)
    except Stopped:
        sys.exit(128 + signal.SIGTERM)
    except BrokenPipeError:
        pass
    finally:
        if grader is not None:
            grader.close()


class Grader:
    """What a child keeps from one request to the next: its launcher (with its fork server
    and the learner process ready for the next request) and the catalogs it has read."""

    def __init__(self, *, fork: bool) -> None:
        self.launcher = Launcher(fork=fork)
        self.catalogs: dict[tuple[str, str], _KeptCatalog] = {}

    def answer(self, token: str, request: GradeRequest) -> bytes:
        from lossdrill.safefile import require_file
        from lossdrill.service.grade import grade

        try:
            exercise = self.catalog(request).get(request.exercise)
            # Checked again here, just before a learner process opens it: a pipe or device
            # put in its place since the parent looked is refused, not waited on.
            require_file(Path(request.file))
            graded = grade(exercise, Path(request.file), options(request), self.launcher)
        except Exception as exc:  # noqa: BLE001  (reported with the request, never fatal)
            return encode_answer(token, failure=classify(exc))
        return encode_answer(token, result=graded.result, sweep=graded.sweep)

    def prepare(self, request: GradeRequest) -> None:
        """Start the learner process for a next request like ``request``."""
        from lossdrill.service.options import learner_terms
        from lossdrill.spec.catalog import Pack

        pack = Pack(Path(request.exercises), Path(request.solutions))
        with contextlib.suppress(Exception):  # the next request starts its own, says why
            self.launcher.prepare(learner_terms(pack, options(request)))

    def catalog(self, request: GradeRequest) -> _KeptCatalog:
        """The pack's catalog, kept: a worker asks for the same few exercises for its whole
        life, and each lookup would otherwise list the pack's folder again."""
        key = (request.exercises, request.solutions)
        if key not in self.catalogs:
            self.catalogs[key] = _KeptCatalog(Path(request.exercises), Path(request.solutions))
        return self.catalogs[key]

    def close(self) -> None:
        self.launcher.close()


def options(request: GradeRequest) -> Options:
    from lossdrill.service.options import Options

    return Options(seed=request.seed, timeout=request.timeout, memory=request.memory,
                   plot=request.plot, deny=tuple(Path(p) for p in request.deny),
                   label=request.label)


class _KeptCatalog:
    """A catalog that keeps the exercises it found."""

    def __init__(self, exercises: Path, solutions: Path) -> None:
        from lossdrill.spec.catalog import Catalog, Pack

        self.catalog: Catalog = Catalog(Pack(exercises, solutions))
        self.found: dict[str, Exercise] = {}

    def get(self, name: str) -> Exercise:
        if name not in self.found:
            self.found[name] = self.catalog.get(name)
        return self.found[name]


if __name__ == "__main__":
    main(sys.argv[1:])
