"""Every number the command line takes is range-checked, on every command that takes it: a bad
value is exit 2 and one line naming the option, the value and the fix, never a traceback.

The options are enumerated from the Typer app, so a new option must be classified here (a
number, or text) and a new numeric option is fed every bad value below: one read without a
range check (a plain `int` takes "99999999999999999999"; a plain `float` takes "nan") fails.
The commands run in this process through the console entry's handler (lossdrill.cli.app.main);
the fast path of `check` (fastpath.py) runs as a real subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from cli_inprocess import run_main

from lossdrill.cli import app as cli
from lossdrill.cli.ranges import (
    JOBS_PER_CORE,
    MAX_SEED,
    cores,
    default_memory,
    machine_memory,
    parse_jobs,
    parse_memory,
    parse_seed,
    parse_seeds,
    parse_threshold,
    parse_timeout,
    shown,
)

REPO = Path(__file__).resolve().parents[2]
PASSING = REPO / "tests" / "learners" / "ex1" / "mse_vectorised.py"
ROOT = typer.main.get_command(cli.app)

# Every option that takes a value, by kind. A new one must be added to one of these.
NUMBERS = {"--seed", "--timeout", "--memory", "--jobs", "--seeds", "--similar-threshold"}
TEXTS = {"--exercise", "--exercises", "--format", "--pack", "--lang", "--out", "--roster",
         "--secret", "--hidden-visibility", "--install", "--mistake", "--wheel", "--dask"}

# Bad for every number: not a plain ASCII number, or far out of any range.
BAD = ["nan", "NaN", "inf", "-inf", "Infinity", "-0", "-1", "+5", "1e999", "1e3", "9" * 40,
       "9" * 5000, "", " ", "\u0661\u0662", "\uff11\uff12", "0x10", "1_000", "5 5", "\x1b[31m7",
       "2\udcff"]
# Bad at the edges of each option's range.
EDGES = {
    "--seed": [str(MAX_SEED + 1), "4294967296000"],
    "--timeout": ["0", "0.09", "600.01", "100000"],
    "--memory": ["0", "127M", "100000T", f"{machine_memory() + (1 << 20)}"],
    "--jobs": ["0", str(JOBS_PER_CORE * cores() + 1)],
    "--seeds": ["0", "1001"],
    "--similar-threshold": ["0", "0.49", "1.01", "2"],
}


def _commands(group: Any = ROOT, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                                                Any]]:
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def _long(param: Any) -> str:
    return next(opt for opt in param.opts if opt.startswith("--"))


def _annotation(command: Any, name: str) -> Any:
    hints = typing.get_type_hints(getattr(command.callback, "__wrapped__", command.callback))
    hint = hints[name]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


def _valued_options() -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    yield (), ROOT, None
    for path, command in _commands():
        yield path, command, command


def numeric_options() -> list[tuple[tuple[str, ...], str, int]]:
    """(command, option, how many required arguments come before it) for every number."""
    found = []
    for path, command in _commands():
        required = sum(1 for p in command.params
                       if type(p).__name__ == "TyperArgument" and p.required)
        for param in command.params:
            if type(param).__name__ == "TyperOption" and _long(param) in NUMBERS:
                found.append((path, _long(param), required))
    return found


def test_every_option_that_takes_a_value_is_classified() -> None:
    seen = set()
    for path, command, _ in _valued_options():
        for param in command.params:
            if type(param).__name__ != "TyperOption" or param.is_flag:
                continue
            option = _long(param)
            seen.add(option)
            assert option in NUMBERS | TEXTS, f"{' '.join(path)} {option}: classify it here"
            if command is not ROOT and _annotation(command, param.name) in (int, float):
                assert option in NUMBERS, f"{' '.join(path)} {option} is a number"
    assert seen == NUMBERS | TEXTS  # nothing stale in the lists


def test_the_numbers_are_on_the_commands_expected() -> None:
    where = {(" ".join(path), option) for path, option, _ in numeric_options()}
    assert where == {
        ("check", "--seed"), ("check", "--timeout"), ("check", "--memory"),
        ("watch", "--seed"), ("watch", "--timeout"), ("watch", "--memory"),
        ("validate", "--seeds"),
        ("grade", "--jobs"), ("grade", "--timeout"), ("grade", "--memory"),
        ("grade", "--similar-threshold"),
        ("export gradescope", "--timeout"),
    }


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
            ) -> Any:
    """The console entry's CLI in this process: (exit code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LOSSDRILL_EXERCISES", raising=False)
    monkeypatch.setenv("LOSSDRILL_LANG", "en")

    def run(*args: str | Path) -> tuple[int, str, str]:
        return run_main(monkeypatch, capsys, *args)

    return run


def assert_one_line(result: tuple[int, str, str], *fragments: str) -> str:
    code, out, err = result
    assert code == 2, result
    assert out == "" and "Traceback" not in err, result
    assert len(err.splitlines()) == 1, err
    assert err.startswith("lossdrill: error: "), err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    return err


@pytest.mark.parametrize(("path", "option", "required"), numeric_options(),
                         ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v))
def test_every_bad_number_is_one_line_naming_option_and_value(
        run_cli: Any, tmp_path: Path, path: tuple[str, ...], option: str, required: int) -> None:
    # Arguments that do not exist: had a value slipped through, the command would stop at
    # them with another message, and the assertions below would say so.
    arguments = [str(tmp_path / "missing")] * required
    for value in BAD + EDGES.get(option, []):
        err = assert_one_line(run_cli(*path, *arguments, f"{option}={value}"), option,
                              shown(value))
        assert len(err) < 400  # a 5000-digit value is not repeated whole
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(("path", "option", "required"), numeric_options()[:1])
def test_a_value_given_as_the_next_argument_is_read_the_same(
        run_cli: Any, tmp_path: Path, path: tuple[str, ...], option: str, required: int) -> None:
    assert_one_line(run_cli(*path, tmp_path / "missing", option, "nan"), option, "'nan'")
    assert_one_line(run_cli(*path, tmp_path / "missing", option, ""), option, "''")


@pytest.mark.parametrize(("read", "good", "bad"), [
    (parse_seed, {"0": 0, "007": 7, str(MAX_SEED): MAX_SEED}, [str(MAX_SEED + 1)]),
    (parse_timeout, {"0.1": 0.1, ".5": 0.5, "2.": 2.0, "10": 10.0, "600": 600.0},
     ["0.0999", "600.0001"]),
    (parse_seeds, {"1": 1, "20": 20, "1000": 1000}, ["0", "1001"]),
    (parse_threshold, {"0.5": 0.5, "0.95": 0.95, "1": 1.0}, ["0.4999", "1.0001"]),
    (parse_jobs, {"1": 1, str(JOBS_PER_CORE * cores()): JOBS_PER_CORE * cores()},
     ["0", str(JOBS_PER_CORE * cores() + 1)]),
    (parse_memory, {"128M": 128 << 20, "1G": 1 << 30, "1.5g": 3 << 29, " 800 MiB ": 800 << 20,
                    "134217728": 128 << 20}, ["127M", "0.1G"]),
])
def test_the_readers_take_their_whole_range_and_nothing_more(read: Any, good: dict[str, Any],
                                                            bad: list[str]) -> None:
    from lossdrill.errors import UsageError

    for text, value in good.items():
        assert read(text) == value, text
    for text in bad + BAD:
        with pytest.raises(UsageError):
            read(text)


def test_memory_left_out_is_1g_or_the_whole_machine() -> None:
    assert default_memory() == min(1 << 30, machine_memory())
    assert parse_memory(f"{machine_memory()}") == machine_memory()


def test_the_edges_of_the_ranges_run_a_check(run_cli: Any, tmp_path: Path) -> None:
    """The largest seed and timeout and the smallest memory cap are usable, on both paths."""
    args = [PASSING, "--seed", str(MAX_SEED), "--timeout", "600", "--memory", "128M",
            "--format", "json"]
    fast = lossdrill("check", *args, cwd=tmp_path)
    assert fast.returncode == 0, fast.stderr
    code, full, err = run_cli("check", *args)
    assert code == 0, err
    for stdout in (fast.stdout, full):
        assert f'"seed": {MAX_SEED}' in stdout and '"status": "passed"' in stdout


def lossdrill(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LOSSDRILL_EXERCISES"}
    return subprocess.run([sys.executable, "-m", "lossdrill", *map(str, args)], cwd=cwd,
                          env={**env, "LOSSDRILL_LANG": "en"}, capture_output=True, text=True,
                          timeout=90)


@pytest.mark.parametrize("args", [
    ["--seed", "-1"], ["--seed=4294967296"], ["--seed", "\u0661"], ["--timeout", "nan"],
    ["--timeout=inf"], ["--timeout", "1e999"], ["--timeout", "-0"], ["--memory", "1e999G"],
    ["--memory", "100000T"], ["--memory", ""], ["--seed", "9" * 5000],
])
def test_the_fast_path_of_check_says_the_same_in_one_line(tmp_path: Path,
                                                          args: list[str]) -> None:
    run = lossdrill("check", PASSING, *args, cwd=tmp_path)
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert run.stdout == "" and "Traceback" not in run.stderr
    assert len(run.stderr.splitlines()) == 1 and run.stderr.startswith("lossdrill: error: ")
    assert args[0].split("=")[0] in run.stderr
    assert not (tmp_path / ".lossdrill").exists()  # no check was recorded


@pytest.mark.parametrize(("args", "fragment"), [
    (["check", "f.py", "--colour"], "No such option: --colour"),
    (["check"], "Missing argument"),
    (["check", "f.py", "--seed"], "requires an argument"),
    (["grade", "subs", "--jobs"], "requires an argument"),
    (["show"], "Missing argument"),
])
def test_the_parser_s_own_usage_errors_are_one_line(run_cli: Any, args: list[str],
                                                   fragment: str) -> None:
    assert_one_line(run_cli(*args), fragment, "--help")
