"""Learner-controlled text is inert in every output of `check`, `watch` and `lossdrill.check`.

The files in tests/learners/hostile/text_*.py put terminal escapes, rich markup, lone
surrogates, NUL and C1 controls, `]]>`, formulas and GitHub workflow commands in every place
a learner's text reaches a result: an exception's message and class name, a returned
object's class name, the names of the functions a file defines, an import's failure, what
the code prints (as text and as raw bytes), and the file's own name (bytes that are not UTF-8,
made here in tmp_path). Each is checked for real, through the command line, in every format:

- terminal: no escape, control or invalid UTF-8 byte but the colours rich itself emits when
  colour is forced; the learner's escapes shown as `\\x1b`, its markup as brackets;
- `--json`: one document, valid UTF-8, with no lone surrogate once parsed;
- `--format junit`: XML that parses; `--format gradescope`: JSON without controls;
- `--format github`: exactly the `::error` commands lossdrill writes, whatever the learner
  wrote, as GitHub's runner reads a step's log; the base64 result holds none either.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from github_runner import runner_commands
from rich.console import Console

from lossdrill import escape
from lossdrill.render import formats as export
from lossdrill.render.terminal import CommandFree

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "learners" / "hostile"
TEXT_FILES = ["text_raises.py", "text_returns.py", "text_names.py", "text_import.py"]
# Every text file's report shows this escape sequence of the learner's (set the terminal's
# title), as text.
MARKER = "\\x1b]0;pwned\\x07"
FORMATS = ("text", "json", "junit", "gradescope", "github")
# A file name a learner could give: bytes that are not UTF-8, an escape, a workflow command.
BAD_NAME = b"caf\xe9 \x1b]0;name\x07 [bold]x\n::error::name, a:b.py"
_SCRUBBED = ("LOSSDRILL_EXERCISES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE",
             "TTY_INTERACTIVE", "COLUMNS", "LINES")
# What rich writes for colours and styles; nothing else may start with ESC.
SGR = re.compile(rb"\x1b\[[0-9;]*m")
LEARNERS_OWN = (b"\x1b]", b"\x1b[6n", b"\x1b[5m", b"\x07", b"\x00")


COMMAND: list[str] = []  # the lossdrill under test (set for each install by `_installs`)


@pytest.fixture(autouse=True, scope="module")
def _installs(lossdrill_command: list[str]) -> Iterator[None]:
    """Every test here runs against this checkout and against a wheel install."""
    COMMAND[:] = lossdrill_command
    yield
    COMMAND[:] = []


def lossdrill(*args: str | bytes | Path, cwd: Path, colour: bool = False
              ) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    if COMMAND[0] != sys.executable:
        env.pop("PYTHONPATH", None)
    if colour:
        env["FORCE_COLOR"] = "1"
    return subprocess.run([*COMMAND, *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120, check=False)


def check(file: str | bytes | Path, fmt: str, cwd: Path, colour: bool = False
          ) -> subprocess.CompletedProcess[bytes]:
    run = lossdrill("check", file, "--format", fmt, "--seed", "1", cwd=cwd, colour=colour)
    assert run.returncode == 1, (run.returncode, run.stderr[-2000:])  # never a pass, nor a crash
    assert b"Traceback" not in run.stderr, run.stderr[-2000:]
    return run


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.fixture
def bad_name(work: Path) -> bytes:
    """text_raises.py under a name that is not UTF-8 (passed to lossdrill as bytes)."""
    path = os.path.join(os.fsencode(work), BAD_NAME)
    shutil.copyfile(HOSTILE / "text_raises.py", path)
    return path


# -- what each output must be -----------------------------------------------------------------


def assert_inert_terminal(raw: bytes, *, coloured: bool = False) -> str:
    """The text of a terminal report that obeys none of the learner's text."""
    for sequence in LEARNERS_OWN:
        assert sequence not in raw, sequence
    text = raw.decode("utf-8")  # strict: no invalid byte, no lone surrogate
    plain = SGR.sub(b"", raw).decode("utf-8") if coloured else text
    if not coloured:
        assert "\x1b" not in text
    bad = {c for c in plain if (ord(c) < 0x20 and c not in "\n") or 0x7F <= ord(c) <= 0x9F}
    assert not bad, bad
    assert "Traceback" not in text
    return plain


def json_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *json_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return []


def assert_utf8_json(raw: bytes) -> Any:
    doc = json.loads(raw.decode("utf-8"))  # one document, valid UTF-8
    json.dumps(doc, ensure_ascii=False).encode("utf-8")  # and no "\ud800" escape in it
    return doc


def annotations_expected(doc: dict[str, Any]) -> int:
    """How many `::error` lines `--format github` writes for a check's JSON document."""
    failing = sum(t["status"] in ("failed", "error") for t in doc["tests"])
    return failing + (len(doc["diagnoses"]) if doc["status"] == "error" else 0)


def parse_command(line: str) -> tuple[dict[str, str], str]:
    """A `::error k=v,k=v::message` line read back as GitHub's runner reads it."""
    assert line.startswith("::error "), line
    head, separator, data = line[len("::error "):].partition("::")
    assert separator, line
    properties = {}
    for pair in head.split(","):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"),
                                            ("%2C", ","), ("%25", "%")))
    return properties, _unescape(data, (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")))


def _unescape(text: str, codes: tuple[tuple[str, str], ...]) -> str:
    for code, char in codes:
        text = text.replace(code, char)
    return text


def assert_github_output(run: subprocess.CompletedProcess[bytes], expected: int,
                         file: str) -> None:
    # stdout: the base64 result GitHub Classroom's reporter prints, name and message, to the
    # job's log; none of it may be a workflow command or an escape either.
    lines = run.stdout.decode("ascii").splitlines()
    assert len(lines) == 1
    result = assert_utf8_json(base64.b64decode(lines[0], validate=True))
    for test in result["tests"]:
        for text in (test["name"], test["message"]):
            assert runner_commands(f"Error: {text}") == [], text
            assert not any(ord(c) < 0x20 and c not in "\n\t" for c in text), text
    # stderr: lossdrill's own `::error` lines, then the report, which holds no command.
    log = assert_inert_terminal(run.stderr)
    commands = runner_commands(log)
    assert len(commands) == expected, commands
    assert all(c.startswith("::error file=") for c in commands)
    for command in commands:
        properties, message = parse_command(command)
        assert set(properties) == {"file", "title"}
        assert properties["file"] == file
        assert properties["title"].startswith("ex1 · ")
        assert message and "\x1b" not in message


# -- lossdrill check, file by file, format by format ----------------------------------------


@pytest.mark.parametrize("name", TEXT_FILES)
def test_the_terminal_report_shows_the_learners_text_literally(work: Path, name: str) -> None:
    run = check(HOSTILE / name, "text", work)
    text = assert_inert_terminal(run.stdout)
    assert MARKER in text
    assert "[red]markup[/red]" in text  # markup shown as written, not applied
    assert run.stderr == b""


def test_with_colour_forced_only_riches_own_colours_are_escapes(work: Path) -> None:
    run = check(HOSTILE / "text_raises.py", "text", work, colour=True)
    assert SGR.search(run.stdout), "colour was not forced"
    text = assert_inert_terminal(run.stdout, coloured=True)
    assert MARKER in text and "\\x1b[6n" in text and "\\ud800" in text and "\\x9b31m" in text


@pytest.mark.parametrize("name", TEXT_FILES)
def test_json_is_one_utf8_document_holding_the_text_as_data(work: Path, name: str) -> None:
    run = check(HOSTILE / name, "json", work)
    doc = assert_utf8_json(run.stdout)
    assert doc["status"] in ("failed", "error")
    strings = json_strings(doc)
    assert any("\x1b]0;pwned\x07" in s for s in strings)  # data: as the learner wrote it
    if name in ("text_raises.py", "text_names.py", "text_import.py"):
        assert any("\\ud800" in s for s in strings)  # a lone surrogate, shown


@pytest.mark.parametrize("name", TEXT_FILES)
def test_junit_parses_and_shows_the_text(work: Path, name: str) -> None:
    run = check(HOSTILE / name, "junit", work)
    root = ET.fromstring(run.stdout)
    assert root.get("tests") == "12"
    text = ET.tostring(root, encoding="unicode")
    assert "\x1b" not in text and MARKER in text


@pytest.mark.parametrize("name", TEXT_FILES)
def test_gradescope_shows_the_text_without_controls(work: Path, name: str) -> None:
    run = check(HOSTILE / name, "gradescope", work)
    doc = assert_utf8_json(run.stdout)
    assert doc["score"] == 0
    for text in json_strings(doc):
        assert not any(ord(c) < 0x20 and c not in "\n\t" for c in text), text
    assert any(MARKER in text for text in json_strings(doc))


@pytest.mark.parametrize("name", TEXT_FILES)
def test_github_writes_only_its_own_commands(work: Path, name: str) -> None:
    doc = assert_utf8_json(check(HOSTILE / name, "json", work).stdout)
    run = check(HOSTILE / name, "github", work)
    expected = annotations_expected(doc)
    assert expected >= 1
    assert_github_output(run, expected, str(HOSTILE / name))


# -- a file whose name is not UTF-8 -----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_that_is_not_utf8_is_shown_in_every_format(work: Path, bad_name: bytes,
                                                               fmt: str) -> None:
    run = check(bad_name, fmt, work)
    shown = escape.visible(os.fsdecode(bad_name), one_line=True)  # as the report shows it
    if fmt == "text":  # (rich wraps the header at blanks, and a long path within itself)
        assert "".join(shown.split()) in "".join(assert_inert_terminal(run.stdout).split())
    elif fmt == "json":
        assert assert_utf8_json(run.stdout)["file"] == escape.utf8(os.fsdecode(bad_name))
    elif fmt == "junit":
        ET.fromstring(run.stdout)
    elif fmt == "gradescope":
        assert_utf8_json(run.stdout)
    else:
        doc = assert_utf8_json(check(bad_name, "json", work).stdout)
        assert_github_output(run, annotations_expected(doc), shown)


def test_a_missing_file_with_a_hostile_name_is_one_escaped_line(work: Path) -> None:
    run = lossdrill("check", b"nope\xe9\x1b]0;x\x07\n::error::x.py", cwd=work)
    assert run.returncode == 2 and run.stdout == b""
    line = assert_inert_terminal(run.stderr)
    assert line.count("\n") == 1 and line.startswith("lossdrill: error: nope\\xe9\\x1b]0;x")
    assert runner_commands(line) == []


# -- the Python API, as a notebook shows it -------------------------------------------------


# A notebook's function: `check` gathers its source (and its module's imports) into a file.
NOTEBOOK = """
def mse(y_true, y_pred):
    print("\\x1b]0;pwned\\x07\\x1b[6n [red]printed[/red] <b>&amp;</b> ::error::p")
    raise RuntimeError("\\x1b]0;pwned\\x07\\x1b[6n [red]markup[/red] \\ud800 \\x00 ]]> "
                       "<script>\\n::error::x")
"""


def test_the_api_report_is_inert_as_text_html_and_rich(work: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from lossdrill.learner.api import check as check_functions

    monkeypatch.chdir(work)
    (work / "notebook.py").write_text(NOTEBOOK, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("notebook", work / "notebook.py")
    assert spec is not None and spec.loader is not None
    notebook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(notebook)
    report = check_functions("ex1", notebook.mse, record=False, seed=1)
    assert not report.passed
    text = assert_inert_terminal(repr(report).encode("utf-8"))
    assert MARKER in text and "[red]markup[/red]" in text
    html = report._repr_html_()
    html.encode("utf-8")
    assert "\x1b" not in html and "<script>" not in html and "&lt;script&gt;" in html
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      width=100)
    console.print(report)
    assert_inert_terminal(console.file.getvalue().encode("utf-8"),  # type: ignore[attr-defined]
                          coloured=True)


# -- lossdrill watch, in a terminal -----------------------------------------------------------


def test_watch_shows_the_learners_text_and_file_name_literally(work: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    name = "ex1 \x1b]0;name\x07.py"
    shutil.copyfile(HOSTILE / "text_raises.py", work / name)
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    child = pexpect.spawn(COMMAND[0], [*COMMAND[1:], "watch", name, "--seed", "1"],
                          cwd=str(work), env=env, dimensions=(60, 110), timeout=90)
    seen = io.BytesIO()
    child.logfile_read = seen
    try:
        child.expect("raised-exception")
        child.expect("q quit")
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    raw = seen.getvalue()
    for sequence in LEARNERS_OWN:
        assert sequence not in raw, sequence
    # The screen's own control: colours, clearing, the cursor. Nothing else starts with ESC.
    text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", raw).decode("utf-8")
    bad = {c for c in text if (ord(c) < 0x20 and c not in "\r\n") or 0x7F <= ord(c) <= 0x9F}
    assert not bad, bad
    assert MARKER in text and "ex1 \\x1b]0;name\\x07.py" in text


# -- pieces -----------------------------------------------------------------------------------


def test_the_github_stream_neutralises_lines_however_they_are_written() -> None:
    out = io.StringIO()
    stream = CommandFree(out)  # type: ignore[arg-type]
    for chunk in ("report │ x\n  :", ":error::split across writes\n##", "[group]x\r::warning"):
        stream.write(chunk)
    stream.write("::y")
    stream.flush()  # a line not yet ended is ended, so nothing written later joins it
    stream.write("::z\n")
    assert runner_commands(out.getvalue()) == []
    assert out.getvalue().count("\n") == 4


def test_the_gradebook_quotes_names_a_spreadsheet_would_run() -> None:
    text = export.gradebook_csv(["ex1"], [
        {"student": "=HYPERLINK(\"http://x\")", "name": "@SUM(A1)\x1b[2J", "scores": {"ex1": 1}},
        {"student": "bob", "name": "Bob", "scores": {}}])
    rows = text.splitlines()
    assert rows[1] == '"\'=HYPERLINK(""http://x"")",\'@SUM(A1)\\x1b[2J,1,1'
    assert rows[2] == "bob,Bob,0,0"
