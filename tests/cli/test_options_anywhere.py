"""`--lang` and `--pack` are taken before a command's name and after it, by every command
(and by check's fast path); output to a pipe or a file is COLUMNS wide, else 80, with no
trailing spaces on any line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_inprocess import run_main
from rich.cells import cell_len

from lossdrill.i18n import set_language
from lossdrill.spec.catalog import builtin_pack_dir

REPO = Path(__file__).resolve().parents[2]
PASSING = REPO / "tests" / "learners" / "ex1" / "mse_vectorised.py"
FAILING = REPO / "tests" / "learners" / "ex1" / "mistake_broadcasts-mismatched-shapes.py"
SCRUBBED = ("LOSSDRILL_EXERCISES", "LOSSDRILL_LANG", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE",
            "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES", "LANG", "LC_ALL",
            "LC_MESSAGES")


@pytest.fixture(autouse=True)
def _english_afterwards(monkeypatch: pytest.MonkeyPatch):
    # Set, then removed: teardown restores each as it was, even one the command sets
    # (--lang and --pack export LOSSDRILL_LANG and LOSSDRILL_EXERCISES for child graders).
    for name in SCRUBBED:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    yield
    set_language(None)


def run(*args: str | Path, cwd: Path, columns: str | None = None,
        importtime: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    if columns is not None:
        env["COLUMNS"] = columns
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run([sys.executable, *flags, "-m", "lossdrill", *map(str, args)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


# -- --lang and --pack after the command's name --------------------------------------------

# Every command, with input that makes it say something in the language asked for: a
# command's own error message, or its work's.
COMMANDS: list[tuple[list[str], str]] = [
    (["list"], "均方误差"),
    (["show", "ex1"], "均方误差"),
    (["show", "nosuch"], "nosuch"),
    (["start", "nosuch"], "nosuch"),
    (["hint", "nosuch"], "nosuch"),
    (["progress"], "练习"),
    (["watch", "missing.py"], "文件不存在"),
    (["check", "missing.py"], "文件不存在"),
    (["validate", "nosuch-folder"], "nosuch-folder"),
    (["new", "bad id", "slug"], "bad id"),
    (["grade", "nosuch-folder"], "nosuch-folder"),
    (["release", "out", "--exercises", "nosuch"], "nosuch"),
    (["export", "gradescope", "gs", "--exercises", "nosuch"], "nosuch"),
    (["export", "github-classroom", "gh", "--exercises", "nosuch"], "nosuch"),
]


@pytest.mark.parametrize(("args", "said"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_every_command_takes_lang_after_its_name(args: list[str], said: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(monkeypatch, capsys, *args, "--lang", "zh")
    assert "No such option" not in err and "没有此选项" not in err, err
    assert said in out + err, (code, out, err)
    # Chinese: the command's output or its one-line error is in the language asked for.
    assert any("\u4e00" <= ch <= "\u9fff" for ch in out + err), (out, err)


@pytest.mark.parametrize("args", [c[0] for c in COMMANDS if c[0][0] not in ("new",)],
                         ids=[" ".join(c[0]) for c in COMMANDS if c[0][0] not in ("new",)])
def test_every_command_takes_pack_after_its_name(args: list[str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    # Input read after the pack, so that the pack is what is refused.
    (tmp_path / "ex1.py").write_text("def mse(y_true, y_pred):\n    return 0\n")
    (tmp_path / "subs").mkdir()
    args = {"watch": ["watch", "ex1.py"], "check": ["check", "ex1.py"], "validate": ["validate"],
            "grade": ["grade", "subs", "--out", "graded"]}.get(args[0], args)
    code, out, err = run_main(monkeypatch, capsys, *args, "--pack", tmp_path / "no-pack")
    assert code == 2, (out, err)
    assert "no-pack" in err and "No such option" not in err, err


def test_a_bad_lang_after_the_name_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(monkeypatch, capsys, "list", "--lang", "fr")
    assert code == 2 and out == ""
    assert err.strip() == "lossdrill: error: --lang 'fr': expected one of en, zh"


def test_the_option_after_the_name_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _err = run_main(monkeypatch, capsys, "--lang", "zh", "show", "ex1", "--lang", "en")
    assert code == 0 and "Mean squared error" in out and "均方误差" not in out


@pytest.mark.parametrize("args", [
    ["check", PASSING, "--lang", "zh", "--seed", "1"],
    ["--lang", "zh", "check", PASSING, "--seed", "1"],
    ["--lang=zh", "check", PASSING, "--pack", builtin_pack_dir(), "--seed=1"],
], ids=["after", "before", "before-with-pack"])
def test_check_reads_lang_and_pack_on_its_fast_path(args: list[str | Path],
                                                    tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path, importtime=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "示例" in result.stdout and "12/12" in result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "typer" not in imported and "click" not in imported  # the fast path, not Typer


def test_a_repeated_lang_on_check_is_read_by_the_full_cli(tmp_path: Path) -> None:
    result = run("--lang", "zh", "check", PASSING, "--lang", "en", "--seed", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "worked example" in result.stdout


# -- output to a pipe ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("piped")
    shutil.copy(FAILING, work / "ex1.py")
    shutil.copy(PASSING, work / "ex1_ok.py")
    return work


PIPED: list[list[str]] = [
    [], ["list"], ["show", "ex3"], ["hint", "ex1"], ["progress"], ["start", "ex2", "--force"],
    ["check", "ex1.py", "--seed", "1"], ["check", "ex1_ok.py", "--seed", "1", "--verbose"],
    ["check", "ex1.py", "--seed", "1", "--format", "github"],
    ["--lang", "zh", "check", "ex1.py", "--seed", "1"], ["--lang", "zh", "list"],
    ["--lang", "zh", "show", "ex2"], ["--lang", "zh", "progress"],
]


@pytest.mark.parametrize("args", PIPED, ids=[" ".join(a) or "dashboard" for a in PIPED])
@pytest.mark.parametrize("columns", [None, "120", "60"])
def test_piped_output_is_columns_wide_without_trailing_spaces(args: list[str],
                                                              columns: str | None,
                                                              folder: Path) -> None:
    result = run(*args, cwd=folder, columns=columns)
    assert result.returncode in (0, 1), result.stderr
    width = int(columns or 80)
    # A machine document (github's base64) is one line, whatever the width.
    reports = [result.stderr] + ([] if "github" in args else [result.stdout])
    for stream in reports:
        for line in stream.splitlines():
            assert line == line.rstrip(), (args, repr(line))
            # A workflow command (`::error …`) is one line for GitHub's runner to read.
            assert cell_len(line) <= width or line.startswith("::"), (args, width, line)
    if args in (["list"], ["show", "ex3"]):
        widest = max(cell_len(line) for line in result.stdout.splitlines())
        assert widest > min(width, 100) - 25, (width, widest)  # the width is used, not 100


def test_grade_and_validate_print_no_trailing_spaces(tmp_path: Path) -> None:
    submissions = tmp_path / "subs"
    for student in ("ada", "bo"):
        (submissions / student).mkdir(parents=True)
        shutil.copy(FAILING if student == "bo" else PASSING, submissions / student / "ex1.py")
    result = run("grade", submissions, "--out", tmp_path / "graded", "--exercises", "ex1",
                 "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    for line in (result.stdout + result.stderr).splitlines():
        assert line == line.rstrip() and cell_len(line) <= 80, repr(line)
