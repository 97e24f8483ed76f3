"""A plain `lossdrill check FILE [options]` is read without the CLI framework (fastpath.py):
it must read every command line exactly as the Typer command would, or hand it over. Both are
built from one list, lossdrill.cli.options.CHECK."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
import typer.main

from lossdrill.cli.app import app
from lossdrill.cli.check import run
from lossdrill.cli.fastpath import CHECK_OPTIONS, parse_check
from lossdrill.cli.options import CHECK as CHECK_PARAMS
from lossdrill.cli.options import REQUIRED
from lossdrill.errors import LossdrillError

CHECK = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]


def typer_reads(args: list[str]) -> dict[str, Any] | None:
    try:
        return dict(CHECK.make_context("check", list(args)).params)
    except LossdrillError:  # a value lossdrill.cli.ranges refuses
        return None
    except Exception as exc:  # the framework's usage errors: missing file, unknown option, …
        if isinstance(getattr(exc, "exit_code", None), int):
            return None
        raise


def with_defaults(parsed: dict[str, Any]) -> dict[str, Any]:
    defaults = {name: p.default for name, p in inspect.signature(run).parameters.items()
                if p.default is not inspect.Parameter.empty}
    return {**defaults, **parsed}


def test_the_table_names_every_option_of_the_typer_command_and_nothing_else() -> None:
    typer_options = {opt: param.name for param in CHECK.params
                     for opt in param.opts + param.secondary_opts if opt.startswith("-")}
    assert typer_options == {opt: param for opt, (param, _) in CHECK_OPTIONS.items()}
    flags = {opt for param in CHECK.params if getattr(param, "is_flag", False)
             for opt in param.opts}
    assert flags == {opt for opt, (_, kind) in CHECK_OPTIONS.items() if kind is bool}


def test_the_typer_command_is_built_from_the_one_definition_of_its_options() -> None:
    """Names, order, flags, defaults, help, metavars (the readers: the tests below): the
    command `check` declares nothing of its own."""
    assert [p.name for p in CHECK.params] == [p.name for p in CHECK_PARAMS]
    for param, defined in zip(CHECK.params, CHECK_PARAMS, strict=True):
        assert tuple(o for o in param.opts if o.startswith("-")) == defined.flags, param.name
        assert param.help == defined.help, param.name
        assert param.required == (defined.default is REQUIRED), param.name
        if not param.required:
            assert param.default == defined.default, param.name
        assert param.metavar == defined.metavar, param.name
    assert list(inspect.signature(run).parameters) == [p.name for p in CHECK_PARAMS]


def test_run_defaults_are_the_typer_command_defaults() -> None:
    assert with_defaults({"file": Path("f.py")}) == typer_reads(["f.py"])


@pytest.mark.parametrize("args", [
    ["f.py"],
    ["f.py", "--seed", "3"],
    ["--seed", "3", "f.py"],
    ["f.py", "--seed=7", "-e", "ex2", "--json"],
    ["f.py", "--seed", "0", "--timeout", "600", "--memory", "128M"],
    ["f.py", "--seed", "4294967295", "--timeout", "0.1", "--memory", "1G"],
    ["f.py", "--exercise=hinge", "-v", "--format", "junit", "--timeout", "2.5"],
    ["f.py", "--timeout=.5", "--memory", "512M", "--pack", "somewhere/pack"],
    ["notebook.ipynb", "--verbose", "--format=github", "--timeout", "3"],
])
def test_plain_command_lines_are_read_as_typer_reads_them(args: list[str]) -> None:
    parsed = parse_check(args)
    assert parsed is not None
    assert with_defaults(parsed) == typer_reads(args)


@pytest.mark.parametrize("args", [
    [],  # no file
    ["--help"],
    ["f.py", "g.py"],  # two files
    ["f.py", "--seed", "x"],  # not a number
    ["f.py", "--seed", "1e3"],  # a number Python reads but not plainly
    ["f.py", "--seed=-7"],  # out of range
    ["f.py", "--timeout", "0.01"],  # under the option's minimum
    ["f.py", "--timeout", "nan"],
    ["f.py", "--memory", "lots"],
    ["f.py", "--seed"],  # value missing
    ["f.py", "--seed", "1", "--seed", "2"],  # repeated
    ["f.py", "--colour"],  # unknown
    ["f.py", "--json=yes"],  # a flag given a value
    ["f.py", "-e=ex1"],  # a short option with `=`
    ["f.py", "-ve", "ex1"],  # grouped short options
    ["f.py", "--", "--seed"],
    ["-", "--seed", "1"],
])
def test_anything_else_goes_to_the_full_cli(args: list[str]) -> None:
    assert parse_check(args) is None


@pytest.mark.parametrize(("option", "value"), [
    (option, value) for option in ("--seed", "--timeout", "--memory")
    for value in ("nan", "inf", "-0", "-1", "1e999", "9" * 40, "", "\u0661\u0662", "1_000",
                  "4294967296", "600.5", "0", "127M", "100000T")
    if (option, value) not in {("--seed", "0"), ("--memory", "4294967296")}  # both valid
])
def test_both_paths_refuse_the_same_values(option: str, value: str) -> None:
    """The fast path hands every value its reader refuses to the full CLI, which refuses it
    with the same reader (tests/cli/test_cli_limits.py: one line naming option and value)."""
    assert parse_check(["f.py", option, value]) is None
    assert typer_reads(["f.py", option, value]) is None
