"""The command line of a plain `lossdrill check FILE [options]`, read without the CLI framework.

Starting the framework costs more than a whole check (it builds a validator per option), so the
console entry reads the common case itself. Anything this reader does not take exactly as the
full CLI would — `--help`, an unknown or repeated option, a value that is not plainly a number —
returns None, and the full CLI reads the command line instead, with its own messages.
tests/test_cli.py holds this table to the options of the Typer command `check`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# option → (parameter of checkcmd.run, type); a bool is a flag
CHECK_OPTIONS: dict[str, tuple[str, type]] = {
    "--exercise": ("exercise", str), "-e": ("exercise", str),
    "--json": ("as_json", bool),
    "--format": ("fmt", str),
    "--seed": ("seed", int),
    "--timeout": ("timeout", float),
    "--memory": ("memory", str),
    "--verbose": ("verbose", bool), "-v": ("verbose", bool),
    "--pack": ("pack", Path),
}
_PLAIN = {int: re.compile(r"-?\d+"), float: re.compile(r"-?(\d+\.?\d*|\.\d+)")}
MIN_TIMEOUT = 0.1  # as the Typer option's `min`


def parse_check(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of checkcmd.run for ``args`` (what follows `check`), or None."""
    values: dict[str, Any] = {}
    file: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            if file is not None:
                return None
            file = arg
            continue
        name, equals, inline = arg.partition("=")
        known = CHECK_OPTIONS.get(name)
        if known is None or known[0] in values or (equals and not name.startswith("--")):
            return None
        param, kind = known
        if kind is bool:
            if equals:
                return None
            values[param] = True
            continue
        if not equals:
            if i >= len(args):
                return None
            inline, i = args[i], i + 1
        if kind in _PLAIN and not _PLAIN[kind].fullmatch(inline):
            return None
        values[param] = kind(inline)
    if file is None or values.get("timeout", MIN_TIMEOUT) < MIN_TIMEOUT:
        return None
    return {"file": Path(file), **values}
