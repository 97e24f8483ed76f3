"""The arguments and options that more than one command takes, and every one of `check`'s,
each defined once.

An entry holds what the Typer command needs to declare it (names, help, type, default, the
reader of its value) and what the fast path of `check` needs to read it (fastpath.py builds
its table from ``CHECK``), so the two read a command line alike by construction. Numbers are
read by the readers of lossdrill.cli.ranges on both paths. An option that one command alone
takes, `check` aside, is declared in that command.

This module imports no command-line framework: the fast path reads it before any is loaded.
"""

from __future__ import annotations

import functools
import inspect
import os
import typing
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lossdrill.cli.ranges import (
    MAX_SEED,
    MAX_TIMEOUT,
    MIN_MEMORY,
    MIN_TIMEOUT,
    parse_memory,
    parse_seed,
    parse_timeout,
    size_text,
)
from lossdrill.errors import UsageError
from lossdrill.i18n import _

if TYPE_CHECKING:
    from lossdrill.spec.catalog import Catalog

REQUIRED: Any = ...  # Typer's mark of a value that must be given
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Param:
    name: str  # the keyword the command's function receives
    kind: type  # the value's type; bool: a flag
    help: str
    flags: tuple[str, ...] = ()  # an option's names; none: a positional argument
    default: Any = REQUIRED
    read: Callable[[str], Any] | None = None  # the reader of its text, when not ``kind``
    metavar: str | None = None

    @property
    def annotation(self) -> Any:
        return self.kind | None if self.default is None else self.kind

    @property
    def reader(self) -> Callable[[str], Any]:
        return self.read or self.kind

    def but(self, **changes: Any) -> Param:
        """The same parameter with another help (or default) where a command needs it."""
        return replace(self, **changes)

    def typer(self) -> Any:
        """The Typer declaration: the default of the command's parameter."""
        import typer

        extra: dict[str, Any] = {"help": self.help, "metavar": self.metavar,
                                 "show_default": self.default not in (None, False)}
        if self.read is not None:
            extra["parser"] = self.read
        if not self.flags:
            return typer.Argument(self.default, **extra)
        return typer.Option(self.default, *self.flags, **extra)


def takes(params: tuple[Param, ...]) -> Callable[[F], F]:
    """Give a command written as ``def command(**given)`` the signature Typer reads: one
    parameter per entry, so the entries are the command's only definition."""
    def declare(function: F) -> F:
        function.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
            inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              default=p.typer(), annotation=p.annotation) for p in params])
        function.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
        return function
    return declare


def parse_lang(text: str) -> str:
    """The value of ``--lang``: en or zh, in any case."""
    from lossdrill.i18n import LANGUAGES

    if text.strip().lower() not in LANGUAGES:
        raise UsageError(_("--lang {lang}: expected one of {choices}", lang=repr(text),
                           choices=", ".join(LANGUAGES)))
    return text.strip().lower()


def use_language(lang: str | None) -> None:
    """Speak ``lang`` from now on (None: as before). The variable also reaches the child
    graders of watch mode."""
    if lang is not None:
        from lossdrill.i18n import set_language

        os.environ["LOSSDRILL_LANG"] = lang
        set_language(lang)


def use_pack(pack: Path | None) -> None:
    """`--pack DIR` given to the whole command line means what `LOSSDRILL_EXERCISES=DIR`
    does; the variable also reaches the child graders of watch mode."""
    if pack is not None:
        os.environ["LOSSDRILL_EXERCISES"] = str(pack)


PACK = Param("pack", Path, "Exercise folder to use instead of the built-in pack (also "
             "LOSSDRILL_EXERCISES).", ("--pack",), None)
LANG = Param("lang", str, "Language of the output: en or zh (default: LOSSDRILL_LANG, else "
             "the locale, else en).", ("--lang",), None, parse_lang, "LANG")
JSON = Param("as_json", bool, "Print one JSON document on stdout.", ("--json",), False)
EXERCISE_NAME = Param("exercise", str, "Exercise id or slug (ex3, hinge).")
EXERCISE = Param("exercise", str, "Exercise id or slug (default: from the `# lossdrill: exN` "
                 "header or the file name).", ("--exercise", "-e"), None)
EXERCISES = Param("exercises", str, "Comma-separated exercise ids or slugs (default: all).",
                  ("--exercises", "-e"), None)
SECRET = Param("secret", str, "Course secret the hidden tests' seeds derive from (also "
               "LOSSDRILL_SECRET; default: kept in OUT/.lossdrill).", ("--secret",), None)
SEED = Param("seed", int, f"Seed for the hidden randomised tests, 0 to {MAX_SEED} (default: a "
             "fresh one each check, reported).", ("--seed",), None, parse_seed, "N")
TIMEOUT = Param("timeout", float, f"Seconds per call and for the import, {MIN_TIMEOUT:g} to "
                f"{MAX_TIMEOUT:g} (default: each exercise's own, usually 10).", ("--timeout",),
                None, parse_timeout, "SECONDS")
MEMORY = Param("memory", int, "Memory cap of the code being checked, such as 512M or 2G: at "
               f"least {size_text(MIN_MEMORY)}, at most the machine's memory (default: 1G, or "
               "the machine's memory if less).", ("--memory",), None, parse_memory, "SIZE")
LEARNER_FILE = Param("file", Path, "Your Python file (or Jupyter notebook).")

CHECK = (
    LEARNER_FILE, EXERCISE, JSON,
    Param("fmt", str, "text, json (as --json), junit, gradescope (results.json), or github "
          "(GitHub Classroom's runner result, base64; the report goes to stderr).",
          ("--format",), "text"),
    SEED, TIMEOUT, MEMORY,
    Param("verbose", bool, "Also say which protections were in force.", ("--verbose", "-v"),
          False),
    PACK, LANG,
)


def everywhere(function: F) -> F:
    """``function``, a command, taking ``--lang`` and ``--pack`` as the whole command line
    takes them (before the command's name), whichever it declares already: `lossdrill check
    ex1.py --lang zh` means `lossdrill --lang zh check ex1.py`. An option given in both
    places is taken from after the command's name, the later."""
    signature = inspect.signature(function)
    added = [p for p in (LANG, PACK.but(help="Exercise folder to use instead of the built-in "
                                        "pack (as LOSSDRILL_EXERCISES)."))
             if p.name not in signature.parameters]
    if not added:
        return function

    @functools.wraps(function)
    def command(*args: Any, **given: Any) -> Any:
        for param in added:
            value = given.pop(param.name, None)
            use_language(value) if param is LANG else use_pack(value)
        return function(*args, **given)

    command.__signature__ = signature.replace(parameters=[  # type: ignore[attr-defined]
        *signature.parameters.values(),
        *(inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.typer(),
                            annotation=p.annotation) for p in added)])
    command.__annotations__ = {**typing.get_type_hints(function),
                               **{p.name: p.annotation for p in added}}
    return command  # type: ignore[return-value]


def open_catalog(pack: Path | None) -> Catalog:
    """The exercises ``--pack`` names: that folder, else LOSSDRILL_EXERCISES, else built in."""
    from lossdrill.spec.catalog import Catalog, find_pack

    return Catalog(find_pack(pack))


def learner_file(file: Path, command: str) -> None:
    """Raise a UsageError unless ``file`` (check's or watch's FILE) is a regular file to read:
    a pipe, a device or a giant is refused, never waited on."""
    if not file.exists():
        raise UsageError(_("{file}: no such file; check the path (or `lossdrill start EX` "
                           "to create one)", file=file))
    if file.is_dir():
        raise UsageError(_("{file}: is a folder; pass the Python file to watch", file=file)
                         if command == "watch" else
                         _("{file}: is a folder; pass the Python file to check", file=file))
    from lossdrill.safefile import require_file

    require_file(file, follow=True)
