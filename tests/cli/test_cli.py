"""The command line as a learner's shell sees it: real subprocesses, exit codes, output.

Contracts (DESIGN.md): exit 0 success, 1 the learner's work failed, 2 bad invocation or bad
input with ONE line on stderr and never a traceback; `--json` prints one JSON document and
nothing else on stdout; hidden tests never reveal inputs or expected values; plain output
when not on a terminal. Every run uses its own working folder (progress lives in
`.lossdrill/progress.json` of the current folder).
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import typer.main
from rich.console import Console

from lossdrill import __version__
from lossdrill.cli.app import app
from lossdrill.grading.inputs import resolve_args
from lossdrill.grading.inputs import rng_for as rng_for_test
from lossdrill.grading.reference import load_reference
from lossdrill.render.terminal import render_check
from lossdrill.service.grade import Options, grade
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.starter import starter_source

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
PASSING = LEARNERS / "ex1" / "mse_vectorised.py"
FAILING = LEARNERS / "ex1" / "mistake_sum-instead-of-mean.py"
ERRORING = LEARNERS / "broken" / "syntax_error.py"
HINGE = LEARNERS / "ex3" / "hinge_vectorised.py"
COMMANDS = ("list", "show", "start", "check", "hint", "new")
ANSI = re.compile(r"\x1b\[([0-9;]*)m")
# Environment variables that would change colour, width or the pack under test.
_SCRUBBED = ("LOSSDRILL_EXERCISES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE",
             "TTY_INTERACTIVE", "COLUMNS", "LINES")


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    return {**env, **(extra or {})}


def lossdrill(*args: str | Path, cwd: Path, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossdrill", *map(str, args)], cwd=cwd,
                          env=environment(env), capture_output=True, text=True, timeout=90)


def in_parallel(runs: list[tuple[tuple[str | Path, ...], Path]]
                ) -> list[subprocess.CompletedProcess[str]]:
    with ThreadPoolExecutor(max_workers=3) as pool:
        return list(pool.map(lambda run: lossdrill(*run[0], cwd=run[1]), runs))


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("lossdrill: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def flat(text: str) -> str:
    """Whitespace collapsed: rich wraps long lines where the terminal width says."""
    return " ".join(text.split())


def json_document(result: subprocess.CompletedProcess[str]) -> Any:
    # json.loads refuses anything after the document: stdout holds exactly one.
    return json.loads(result.stdout)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


# -- help ---------------------------------------------------------------------------------------


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = lossdrill("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.MULTILINE), command


def lacking_help(command: Any, path: tuple[str, ...] = ("lossdrill",)) -> list[str]:
    """Every command, group of commands, argument and option under ``command`` (a click
    command built by Typer) without help text, one line each."""
    where = " ".join(path)
    found = [] if (command.help or "").strip() else [f"`{where}` has no help (a docstring)"]
    found += [f"`{where}`: {param.name} has no help text"
              for param in command.params if not (getattr(param, "help", None) or "").strip()]
    for name, sub in getattr(command, "commands", {}).items():
        found += lacking_help(sub, (*path, name))
    return found


def test_every_command_and_option_has_help_text() -> None:
    """The whole tree: the bare command's own options, every command, the groups (export)
    and their commands, their arguments and options."""
    group = typer.main.get_command(app)
    assert set(COMMANDS) <= set(group.commands)  # type: ignore[attr-defined]
    assert not lacking_help(group), "\n".join(lacking_help(group))


def test_a_command_or_option_without_help_is_found() -> None:
    bare = typer.Typer(help="A tool.")
    documented = typer.Typer(help="Commands of a group.")

    @bare.command()
    def silent(name: str, count: int = typer.Option(1, "--count")) -> None:
        pass

    @documented.command()
    def deep(flag: bool = typer.Option(False, "--flag")) -> None:
        """A documented command whose option is not."""

    bare.add_typer(documented, name="group")
    found = lacking_help(typer.main.get_command(bare), ("tool",))
    assert found == ["`tool silent` has no help (a docstring)",
                     "`tool silent`: name has no help text",
                     "`tool silent`: count has no help text",
                     "`tool group deep`: flag has no help text"], found


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_shows_its_help(tmp_path: Path, command: str) -> None:
    result = lossdrill(command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = typer.main.get_command(app).commands[command].help  # type: ignore[attr-defined]
    first_sentence = flat(doc).split(". ")[0]
    assert first_sentence in flat(result.stdout)


# -- list and show ------------------------------------------------------------------------------


def test_list_shows_the_exercises_in_order(work: Path) -> None:
    result = lossdrill("list", cwd=work, env={"COLUMNS": "120"})  # titles on one line
    assert result.returncode == 0, result.stderr
    rows = [line.split()[0] for line in result.stdout.splitlines()
            if re.match(r"ex\d+\s", line)]
    assert rows[:3] == ["ex1", "ex4", "ex5"]  # by section, then in curriculum order
    assert rows.index("ex2") > rows.index("ex5")
    for text in ("mse", "Mean squared error", "bce", "hinge"):
        assert text in result.stdout


def test_list_json_is_one_document(work: Path) -> None:
    result = lossdrill("list", "--json", cwd=work)
    assert result.returncode == 0, result.stderr
    doc = json_document(result)
    assert doc["lossdrill"] == __version__
    assert [e["id"] for e in doc["exercises"]][:3] == ["ex1", "ex2", "ex3"]
    assert [e["slug"] for e in doc["exercises"]][:3] == ["mse", "bce", "hinge"]


@pytest.mark.parametrize("name", ["ex2", "bce", "ex2_bce"])
def test_show_by_id_or_slug_shows_the_statement(work: Path, name: str) -> None:
    result = lossdrill("show", name, cwd=work)
    assert result.returncode == 0, result.stderr
    text = flat(result.stdout)
    assert "Binary cross-entropy" in text
    assert "also called log loss" in text
    assert "binary_cross_entropy(y_true, p_pred, eps=1e-15) -> float" in text


@pytest.mark.parametrize(
    "args",
    [("show", "ex99"), ("show", "nope"), ("start", "nope"), ("hint", "nope"),
     ("check", "--exercise", "nope", str(PASSING))],
    ids=["show-ex99", "show-nope", "start", "hint", "check-exercise"],
)
def test_an_unknown_exercise_is_one_line_and_exit_2(work: Path, args: tuple[str, ...]) -> None:
    result = lossdrill(*args, cwd=work)
    assert_one_line_error(result, "unknown exercise")


# -- start --------------------------------------------------------------------------------------


def test_start_writes_a_starter_and_never_overwrites_it(work: Path) -> None:
    folder = work / "mine"
    folder.mkdir()
    result = lossdrill("start", "ex1", folder, cwd=work)
    assert result.returncode == 0, result.stderr
    starter = folder / "ex1.py"
    assert starter.read_text(encoding="utf-8").splitlines()[0] == "# lossdrill: ex1"
    assert str(starter) in "".join(result.stdout.split())  # (a long path wraps at 80 columns)
    ex = Catalog(find_pack(REPO)).get("ex1")
    assert starter.read_text(encoding="utf-8") == starter_source(ex)

    starter.write_text("# lossdrill: ex1\n# my work in progress\n", encoding="utf-8")
    before = starter.stat()
    again = lossdrill("start", "ex1", folder, cwd=work)
    assert_one_line_error(again, "already exists", "--force")
    assert starter.read_text(encoding="utf-8") == "# lossdrill: ex1\n# my work in progress\n"
    assert starter.stat().st_mtime_ns == before.st_mtime_ns

    forced = lossdrill("start", "ex1", folder, "--force", cwd=work)
    assert forced.returncode == 0, forced.stderr
    assert starter.read_text(encoding="utf-8") == starter_source(ex)


def test_start_without_a_path_writes_into_the_current_folder(work: Path) -> None:
    result = lossdrill("start", "hinge", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "ex3.py").read_text(encoding="utf-8").startswith("# lossdrill: ex3\n")


def test_start_into_a_missing_folder_is_exit_2(work: Path) -> None:
    result = lossdrill("start", "ex1", work / "no" / "such" / "ex1.py", cwd=work)
    assert_one_line_error(result, "no such folder")
    assert not (work / "no").exists()


def test_the_starter_fails_check(work: Path) -> None:
    assert lossdrill("start", "ex1", cwd=work).returncode == 0
    plain = lossdrill("check", "ex1.py", cwd=work)
    assert plain.returncode == 1, plain.stderr
    assert "Traceback (most recent call last)" not in plain.stdout + plain.stderr
    doc = json_document(lossdrill("check", "ex1.py", "--json", cwd=work))
    assert doc["status"] == "failed"
    assert doc["score"] == 0


# -- hint and progress --------------------------------------------------------------------------


def progress_of(work: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((work / ".lossdrill" / "progress.json").read_text())
    return data


def test_hint_climbs_the_ladder_and_records_it(work: Path) -> None:
    ex = Catalog(find_pack(REPO)).get("ex1")
    total = len(ex.hints)
    first = lossdrill("hint", "ex1", cwd=work)
    assert first.returncode == 0, first.stderr
    assert f"→ hint 1/{total}:" in first.stdout
    assert flat(ex.hints[0]) in flat(first.stdout)
    assert "hint 2/" not in first.stdout
    assert progress_of(work)["ex1"]["hints_used"] == 1

    second = lossdrill("hint", "ex1", cwd=work)
    assert second.returncode == 0, second.stderr
    assert f"→ hint 2/{total}:" in second.stdout
    assert flat(ex.hints[1]) in flat(second.stdout)
    assert progress_of(work)["ex1"]["hints_used"] == 2
    assert second.stderr == ""


def test_hint_after_the_last_one_says_so(work: Path) -> None:
    total = len(Catalog(find_pack(REPO)).get("ex1").hints)
    (work / ".lossdrill").mkdir()
    (work / ".lossdrill" / "progress.json").write_text(json.dumps({"ex1": {"hints_used": total}}))
    result = lossdrill("hint", "ex1", cwd=work)
    assert result.returncode == 0, result.stderr
    assert f"→ hint {total}/{total}:" in result.stdout
    assert "last hint" in result.stdout
    assert progress_of(work)["ex1"]["hints_used"] == total


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2, 3]", b'{"ex1": 5}', b"\x00\x01", b"", b"\xff\xfe{"],
    ids=["syntax", "a-list", "wrong-shape", "control-bytes", "empty", "not-utf8"],
)
def test_a_corrupt_progress_file_is_set_aside_with_a_warning(work: Path, content: bytes
                                                             ) -> None:
    state = work / ".lossdrill"
    state.mkdir()
    (state / "progress.json").write_bytes(content)
    result = lossdrill("hint", "ex1", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("lossdrill: warning: "), result.stderr
    assert "set aside" in warnings[0]
    assert "→ hint 1/" in result.stdout
    aside = [p for p in state.iterdir() if p.name.startswith("progress.json.unreadable")]
    assert len(aside) == 1 and aside[0].name in warnings[0]
    assert aside[0].read_bytes() == content
    assert progress_of(work)["ex1"]["hints_used"] == 1


def test_check_records_progress_that_list_shows(work: Path) -> None:
    assert lossdrill("check", PASSING, "--seed", "1", cwd=work).returncode == 0
    doc = json_document(lossdrill("list", "--json", cwd=work))
    ex1 = doc["exercises"][0]
    assert ex1["progress"]["attempts"] == 1
    assert ex1["progress"]["first_pass"]
    assert "passed" in lossdrill("list", cwd=work).stdout


# -- check: bad input -------------------------------------------------------------------------


def test_check_a_missing_file(work: Path) -> None:
    assert_one_line_error(lossdrill("check", "missing.py", cwd=work), "missing.py", "no such")
    assert_one_line_error(lossdrill("check", "missing.py", "--json", cwd=work), "missing.py")


def test_check_a_directory(work: Path) -> None:
    (work / "ex1").mkdir()
    assert_one_line_error(lossdrill("check", "ex1", cwd=work), "ex1", "folder")


def test_check_a_file_with_no_inferable_exercise(work: Path) -> None:
    (work / "solution.py").write_text("def f():\n    return 1\n", encoding="utf-8")
    result = lossdrill("check", "solution.py", cwd=work)
    assert_one_line_error(result, "solution.py", "--exercise")


def test_check_a_header_naming_an_unknown_exercise(work: Path) -> None:
    (work / "mine.py").write_text("# lossdrill: ex99\n", encoding="utf-8")
    assert_one_line_error(lossdrill("check", "mine.py", cwd=work), "ex99")


@pytest.mark.parametrize("memory", ["12", "lots", "10M"])
def test_check_with_too_little_or_nonsense_memory(work: Path, memory: str) -> None:
    result = lossdrill("check", PASSING, "--memory", memory, cwd=work)
    assert_one_line_error(result, "--memory")


# -- check: which exercise ----------------------------------------------------------------------

HINGE_BODY = "".join(HINGE.read_text(encoding="utf-8").splitlines(keepends=True)[1:])
assert not HINGE_BODY.startswith("# lossdrill")

# (file name, header line or "", extra arguments)
INFERENCE = {
    "by-id": ("ex3.py", "", ()),
    "by-slug": ("hinge.py", "", ()),
    "by-id-and-slug": ("ex3_hinge.py", "", ()),
    "by-option": ("mine.py", "", ("--exercise", "ex3")),
    "by-header": ("mine.py", "# lossdrill: ex3\n", ()),
    "header-over-file-name": ("ex1.py", "# lossdrill: ex3\n", ()),
    "option-over-header": ("mine.py", "# lossdrill: ex1\n", ("-e", "hinge")),
}


@pytest.fixture(scope="module")
def inferred(tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, subprocess.CompletedProcess[str]]:
    runs = []
    for case, (name, header, extra) in INFERENCE.items():
        folder = tmp_path_factory.mktemp(case)
        (folder / name).write_text(header + HINGE_BODY, encoding="utf-8")
        runs.append((("check", name, "--json", "--seed", "3", *extra), folder))
    return dict(zip(INFERENCE, in_parallel(runs), strict=True))


@pytest.mark.parametrize("case", list(INFERENCE))
def test_the_exercise_is_inferred(inferred: dict[str, subprocess.CompletedProcess[str]],
                                  case: str) -> None:
    result = inferred[case]
    doc = json_document(result)
    assert (doc["exercise"], doc["slug"]) == ("ex3", "hinge")
    assert (result.returncode, doc["status"]) == (0, "passed"), doc
    assert doc["file"] == INFERENCE[case][0]


# -- check --json: the schema of DESIGN.md -------------------------------------------------------

TOP_KEYS = {"lossdrill", "exercise", "slug", "title", "file", "status", "score", "max_score",
            "seed", "tests", "diagnoses", "learner_output", "duration_s"}
TEST_KEYS = {"name", "kind", "visibility", "status", "score", "max_score", "message"}
TEST_KINDS = {"value", "raises", "gradient", "property", "task"}


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def validate_check_document(doc: Any) -> None:
    assert isinstance(doc, dict)
    assert set(doc) == TOP_KEYS, set(doc) ^ TOP_KEYS
    assert doc["lossdrill"] == __version__
    for key in ("exercise", "slug", "title", "file", "learner_output"):
        assert isinstance(doc[key], str), key
    assert re.fullmatch(r"ex\d+", doc["exercise"])
    assert doc["status"] in {"passed", "failed", "error"}
    for key in ("score", "max_score", "duration_s"):
        assert is_number(doc[key]) and doc[key] >= 0, key
    assert isinstance(doc["seed"], int) and not isinstance(doc["seed"], bool)
    assert doc["seed"] >= 0
    assert isinstance(doc["tests"], list) and doc["tests"]
    for test in doc["tests"]:
        assert isinstance(test, dict) and set(test) == TEST_KEYS, test
        assert isinstance(test["name"], str) and test["name"]
        assert test["kind"] in TEST_KINDS
        assert test["visibility"] in {"visible", "hidden"}
        assert test["status"] in {"passed", "failed", "error", "skipped"}
        assert is_number(test["score"]) and is_number(test["max_score"])
        assert 0 <= test["score"] <= test["max_score"]
        assert (test["score"] == test["max_score"]) or test["status"] != "passed"
        assert isinstance(test["message"], str)
    assert isinstance(doc["diagnoses"], list)
    for diagnosis in doc["diagnoses"]:
        assert isinstance(diagnosis, dict) and set(diagnosis) == {"id", "message"}
        assert isinstance(diagnosis["id"], str) and diagnosis["id"]
        assert isinstance(diagnosis["message"], str) and diagnosis["message"]
    assert doc["score"] == pytest.approx(sum(t["score"] for t in doc["tests"]))
    assert doc["max_score"] == pytest.approx(sum(t["max_score"] for t in doc["tests"]))
    all_passed = all(t["status"] == "passed" for t in doc["tests"])
    assert (doc["status"] == "passed") == all_passed


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory
            ) -> dict[str, subprocess.CompletedProcess[str]]:
    """The JSON and plain runs several tests read, run a few at a time."""
    runs = {
        "passing": ("check", PASSING, "--json", "--seed", "5"),
        "failing": ("check", FAILING, "--json", "--seed", "5"),
        "failing-again": ("check", FAILING, "--json", "--seed", "5"),
        "erroring": ("check", ERRORING, "--json", "--seed", "5"),
        "failing-plain": ("check", FAILING, "--seed", "5"),
        "unseeded-1": ("check", FAILING, "--json"),
        "unseeded-2": ("check", FAILING, "--json"),
    }
    jobs = [(args, tmp_path_factory.mktemp(name)) for name, args in runs.items()]
    return dict(zip(runs, in_parallel(jobs), strict=True))


@pytest.mark.parametrize(("case", "code", "status"),
                         [("passing", 0, "passed"), ("failing", 1, "failed"),
                          ("erroring", 1, "error")])
def test_check_json_holds_to_the_schema(checked: dict[str, subprocess.CompletedProcess[str]],
                                        case: str, code: int, status: str) -> None:
    result = checked[case]
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    doc = json_document(result)
    validate_check_document(doc)
    assert doc["status"] == status
    assert doc["seed"] == 5
    assert doc["exercise"] == "ex1"


def test_check_json_of_a_passing_file(checked: dict[str, subprocess.CompletedProcess[str]]
                                      ) -> None:
    doc = json_document(checked["passing"])
    assert doc["score"] == doc["max_score"] > 0
    assert doc["diagnoses"] == []
    assert doc["file"] == str(PASSING)


def test_check_json_of_a_failing_file(checked: dict[str, subprocess.CompletedProcess[str]]
                                      ) -> None:
    doc = json_document(checked["failing"])
    assert 0 < doc["score"] < doc["max_score"]
    assert "sum-instead-of-mean" in [d["id"] for d in doc["diagnoses"]]
    hidden = [t for t in doc["tests"] if t["visibility"] == "hidden"]
    assert hidden and all(t["status"] == "failed" for t in hidden)


def test_check_json_of_a_file_that_does_not_load(
    checked: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    doc = json_document(checked["erroring"])
    assert doc["score"] == 0
    assert {t["status"] for t in doc["tests"]} == {"skipped"}
    assert "syntax-error" in [d["id"] for d in doc["diagnoses"]]


def test_the_same_seed_gives_the_same_document(
    checked: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    first, second = (json_document(checked[c]) for c in ("failing", "failing-again"))
    assert first["seed"] == second["seed"] == 5
    assert is_number(first.pop("duration_s")) and is_number(second.pop("duration_s"))
    assert first == second


def test_without_a_seed_each_check_draws_and_reports_its_own(
    checked: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    first, second = (json_document(checked[c]) for c in ("unseeded-1", "unseeded-2"))
    validate_check_document(first)
    assert first["seed"] != second["seed"]


# -- hidden tests reveal nothing ---------------------------------------------------------------


def _load_module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"_learner_{path.stem.replace('-', '_')}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spellings(x: float) -> set[str]:
    """The ways a report could print x; only the ones distinctive enough to search for."""
    if not np.isfinite(x) or float(x).is_integer():
        return set()  # small integers (the integer test's inputs) appear everywhere
    forms = {f"{x:.6g}", f"{x:.5g}", f"{x:.8g}", repr(float(x)), f"{x:.6e}", f"{x:.4e}",
             np.format_float_positional(x, precision=6), np.format_float_scientific(x, 6)}
    return {f for f in forms if sum(c.isdigit() for c in f) >= 5}


def hidden_numbers(exercise: str, seed: int, learner: Path) -> set[str]:
    """Every input, expected value and learner value of the hidden tests, as printed."""
    ex = Catalog(find_pack(REPO)).get(exercise)
    reference = load_reference(ex).functions
    module = _load_module(learner)
    needles: set[str] = set()
    for test in ex.tests:
        if test.visibility != "hidden":
            continue
        args = resolve_args(test.args, rng_for_test(seed, test.name))
        values = [*args.values(), reference[test.function](*args.values()),
                  getattr(module, test.function)(*args.values())]
        for value in values:
            for x in np.asarray(value, dtype=np.float64).ravel():
                needles |= _spellings(float(x))
    return needles


def test_hidden_tests_reveal_no_input_or_expected_value(
    checked: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    needles = hidden_numbers("ex1", 5, FAILING)
    assert len(needles) > 100
    as_json = checked["failing"].stdout
    plain = checked["failing-plain"].stdout + checked["failing-plain"].stderr
    assert checked["failing-plain"].returncode == 1
    assert "(hidden)" in plain
    for output in (as_json, plain, flat(plain)):
        leaked = sorted(n for n in needles if n in output)
        assert not leaked, leaked[:10]
    # The same search does find the values of a failing visible test (worked example: 1.3125).
    assert "1.3125" in as_json and "1.3125" in plain


@pytest.mark.parametrize("channel", ["sys-exit", "exception-class-name"])
def test_a_learner_cannot_smuggle_hidden_inputs_into_the_report(tmp_path: Path,
                                                                channel: str) -> None:
    smuggle = {
        "sys-exit": "sys.exit(repr(y[:4].tolist()))",
        "exception-class-name": (
            'raise type("Leak_" + "_".join(f"{v:.6f}".replace("-", "m").replace(".", "p") '
            "for v in y[:4]), (ValueError,), {})()"),
    }[channel]
    learner = tmp_path / "ex1.py"
    learner.write_text(
        "# lossdrill: ex1\nimport sys\nimport numpy as np\n\n\n"
        "def mse(y_true, y_pred):\n"
        "    y, p = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)\n"
        "    if y.shape != p.shape:\n"
        "        raise ValueError('shapes differ')\n"
        "    if y.size == 50:  # the hidden test 'random 1-D vectors'\n"
        f"        {smuggle}\n"
        "    return float(np.mean((p - y) ** 2))\n",
        encoding="utf-8",
    )
    ex = Catalog(find_pack(REPO)).get("ex1")
    result = grade(ex, learner, Options(seed=5, timeout=5)).result
    as_json = json.dumps(result.to_dict(__version__), ensure_ascii=False)
    buffer = io.StringIO()
    render_check(Console(file=buffer, width=100, no_color=True), result)
    test = next(t for t in ex.tests if t.name == "random 1-D vectors")
    inputs = resolve_args(test.args, rng_for_test(5, test.name))["y_true"][:4]
    for x in inputs:
        for form in (f"{x:.6f}", f"{x:.6f}".replace("-", "m").replace(".", "p"), repr(float(x))):
            assert form not in as_json
            assert form not in buffer.getvalue()


# -- plain output ------------------------------------------------------------------------------


@pytest.mark.parametrize("no_color", [False, True], ids=["not-a-tty", "NO_COLOR"])
def test_plain_output_has_no_escape_codes(work: Path, no_color: bool) -> None:
    env = {"TERM": "xterm-256color", **({"NO_COLOR": "1"} if no_color else {})}
    for args in (("check", FAILING, "--seed", "5"), ("list",), ("show", "ex3"),
                 ("hint", "ex2")):
        result = lossdrill(*args, cwd=work, env=env)
        assert result.returncode in (0, 1), result.stderr
        assert "\x1b" not in result.stdout + result.stderr, args


def run_in_a_terminal(args: tuple[str | Path, ...], cwd: Path, env: dict[str, str]) -> str:
    import pty  # POSIX only

    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "lossdrill", *map(str, args)], cwd=cwd,
                            env=environment({"TERM": "xterm-256color", "COLUMNS": "120", **env}),
                            stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    out = bytearray()
    try:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal's other side closed
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(controller)
        proc.wait(timeout=60)
    return out.decode("utf-8", errors="replace")


COLOUR_CODES = {str(n) for n in [*range(30, 39), *range(40, 49), *range(90, 98),
                                 *range(100, 108)]}


def colour_codes(text: str) -> set[str]:
    return {p for params in ANSI.findall(text) for p in params.split(";")} & COLOUR_CODES


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_no_color_in_a_terminal_means_no_colour(work: Path) -> None:
    args = ("check", FAILING, "--seed", "5")
    coloured = run_in_a_terminal(args, work, {})
    assert colour_codes(coloured), "expected colours on a terminal (test would prove nothing)"
    plain = run_in_a_terminal(args, work, {"NO_COLOR": "1"})
    assert "Score" in plain
    assert not colour_codes(plain)
