"""The console entry point. For `lossdrill check`, the learner process is started before
anything heavy is imported, so its interpreter start and NumPy import run on the other core
while the grader imports its own modules; everything else goes straight to the CLI."""

from __future__ import annotations

import sys


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "check" and "--help" not in sys.argv:
        from lossdrill.sandbox.spawn import prestart

        prestart()
    from lossdrill.cli import main as cli_main

    cli_main()
