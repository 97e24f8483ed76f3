"""The console entry point. For `lossdrill check`, the learner process is started before
anything heavy is imported, so its interpreter start and NumPy import run on the other core
while the grader imports its own modules; a plain `check FILE [options]` then runs without the
CLI framework (fastpath.py). Everything else goes to the CLI."""

from __future__ import annotations

import contextlib
import os
import sys


def main() -> None:
    # The grader's arrays are small: BLAS threads would only take cores from the learner
    # process (and, in `grade`, from the other workers). Before NumPy is imported.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    args = _check_first(sys.argv[1:])
    if len(args) > 1 and args[0] == "check" and "--help" not in args:
        from lossdrill.sandbox.spawn import prestart

        prestart()
        from lossdrill.cli.fastpath import parse_check

        parsed = parse_check(args[1:])
        if parsed is not None:
            from lossdrill.cli.check import run_guarded

            code = run_guarded(parsed)
            # Everything is written and closed, the learner's processes reaped: skip the
            # interpreter's teardown of NumPy and the rest, a tenth of a check's time.
            for stream in (sys.stdout, sys.stderr):
                # A closed pipe (`| head`) fails the flush: nothing more can be said then.
                with contextlib.suppress(OSError):
                    stream.flush()
            os._exit(code)
    from lossdrill.cli.app import main as cli_main

    cli_main()


GLOBAL = ("--lang", "--pack")  # the options of the whole command line that `check` takes too


def _check_first(args: list[str]) -> list[str]:
    """``args`` with `--lang`/`--pack` given before `check` moved after it, where they mean
    the same, so that `lossdrill --lang zh check FILE` takes the fast path too; any other
    command line as it is."""
    moved: list[str] = []
    i = 0
    while i < len(args) and args[i].partition("=")[0] in GLOBAL:
        step = 1 if "=" in args[i] else 2
        moved += args[i:i + step]
        i += step
    if not moved or i >= len(args) or args[i] != "check":
        return args
    return ["check", *args[i + 1:], *moved]
