"""The command line of a plain `lossdrill check FILE [options]`, read without the CLI framework.

Starting the framework costs about half a check again, even with no command loaded but `check`
(as pip loads only the command it runs): importing Typer and click, and building a validator
per option. So the console entry reads the common case itself. Anything this reader does not
take exactly as the full CLI would — `--help`, an unknown or repeated option, a value the
readers of lossdrill.cli.ranges refuse — returns None, and the full CLI reads the command line
instead and says what is wrong. Numbers are read by those same readers on both paths, so the
two cannot disagree on a value; and the options are those of the Typer command, both built
from the one list of lossdrill.cli.options.CHECK.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from lossdrill.cli.options import CHECK
from lossdrill.errors import UsageError

# option → (parameter of lossdrill.cli.check.run, reader of its value); bool marks a flag
CHECK_OPTIONS: dict[str, tuple[str, Callable[[str], Any]]] = {
    flag: (param.name, param.reader) for param in CHECK for flag in param.flags}


def parse_check(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of lossdrill.cli.check.run for ``args`` (what follows `check`),
    or None."""
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
        param, read = known
        if read is bool:
            if equals:
                return None
            values[param] = True
            continue
        if not equals:
            if i >= len(args):
                return None
            inline, i = args[i], i + 1
        try:
            values[param] = read(inline)
        except UsageError:  # the full CLI says so, in the same reader's words
            return None
    if file is None:
        return None
    return {"file": Path(file), **values}
