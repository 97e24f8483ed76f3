"""One submission never harms another, nor the run: a class built here, of students with
correct work beside every kind of odd submission — names that are not UTF-8 or that hold
escapes, markup and formulas; a notebook nested 100,000 deep or holding lone surrogates; a
pipe, a socket, a device, a 2 GB sparse file, links to /dev/zero and to another student's
file; output and exceptions full of markup — graded with `lossdrill grade` as an instructor
runs it. The run ends, exit 0, within a bound; every output is written and parses; every
correct student has full marks; every odd file costs its own row, with its own one-line
error there and in its feedback."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lossdrill import escape
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
CORRECT = sorted((REPO / "tests" / "learners" / "ex1").glob("mse_*.py"))
FULL = Catalog(find_pack(REPO)).get("ex1").max_score
RUN_BOUND = 150.0  # seconds for the whole run; a pipe waited on would never end
HOSTILE = '''\
print("````\\n# pwned\\n<script>alert(1)</script>\\x1b[2J[bold]x[/bold] =HYPERLINK(1)")


def mse(y_true, y_pred):
    raise ValueError("=1+1 \\x07\\x1b[31m ``` [x](http://evil) <b>|</b>" + chr(0xD800))
'''


def _name(root: Path, raw: bytes) -> Path:
    """A path under ``root`` whose last part is ``raw``, any bytes."""
    return Path(os.fsdecode(os.fsencode(root) + b"/" + raw))


def _correct(path: Path, n: int = 0, header: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    source = CORRECT[n % len(CORRECT)].read_text(encoding="utf-8")
    path.write_text(("# lossdrill: ex1\n" if header else "") + source, encoding="utf-8")


def _notebook(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)


def build_class(subs: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The class: (student id as results.json shows it → file) for those who must get full
    marks, and (student id → a fragment of their one-line error) for the odd files."""
    full: dict[str, str] = {}
    for n, student in enumerate(("alice", "bob", "carol")):
        _correct(subs / student / "ex1.py", n)
        full[student] = f"{student}/ex1.py"
    _correct(subs / "dave_ex1.py", 3)
    full["dave"] = "dave_ex1.py"
    shutil.copy(REPO / "tests" / "notebooks" / "ex1_mse.ipynb", subs / "erin_ex1.ipynb")
    full["erin"] = "erin_ex1.ipynb"
    # Names: bytes that are not UTF-8 (a folder, a flat file's owner, a file in a folder),
    # terminal escapes and a newline, rich markup, and a spreadsheet formula.
    _correct(_name(subs, b"caf\xe9") / "ex1.py", 1)
    full["caf\\xe9"] = "caf\\xe9/ex1.py"
    _correct(_name(subs, b"\xff\xfe_ex1.py"), 2)
    full["\\xff\\xfe"] = "\\xff\\xfe_ex1.py"
    _correct(_name(subs / "fred", b"\xfe\xff.py"), 3, header=True)
    full["fred"] = "fred/\\xfe\\xff.py"
    _correct(_name(subs, b"esc\x1b[31m\nnew") / "ex1.py", 4)
    full["esc\x1b[31m\nnew"] = "esc\x1b[31m\nnew/ex1.py"
    _correct(subs / "[bold red]gil[" / "ex1.py", 0)
    full["[bold red]gil["] = "[bold red]gil[/ex1.py"
    _correct(subs / "=cmd|' -C calc'!A0" / "ex1.py", 1)
    full["=cmd|' -C calc'!A0"] = "=cmd|' -C calc'!A0/ex1.py"

    odd: dict[str, str] = {}
    _notebook(subs / "hal" / "ex1.ipynb", '{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}")
    odd["hal"] = "hal/ex1.ipynb: not a Jupyter notebook (its JSON nests too deep)"
    _notebook(subs / "ivy" / "ex1.ipynb",
              '{"cells": [{"cell_type": "code", "source": "x = \'\\ud800\'\\n"}]}')
    odd["ivy"] = "ivy/ex1.ipynb: cells[0].source holds \\ud800, half of a character"
    _notebook(subs / "jay" / "ex1.ipynb",
              '{"cells": [{"cell_type": "code", "source": "x = \'\ud800\'\\n"}]}')
    odd["jay"] = "jay/ex1.ipynb: not UTF-8 text (byte 0xed"
    os.mkfifo(subs / "kim_ex1.py")
    odd["kim"] = "kim_ex1.py: is a named pipe (FIFO), not a file"
    (subs / "lee").mkdir()
    os.mkfifo(subs / "lee" / "ex1.ipynb")
    odd["lee"] = "lee/ex1.ipynb: is a named pipe (FIFO), not a file"
    with open(subs / "mia_ex1.py", "wb") as handle:
        handle.truncate(2 << 30)
    odd["mia"] = "mia_ex1.py: is 2.0 GB, more than the 16.0 MB"
    (subs / "ned").mkdir()
    os.symlink("/dev/zero", subs / "ned" / "ex1.py")
    odd["ned"] = "ned/ex1.py: is a symbolic link, which is not followed"
    (subs / "oli").mkdir()
    os.symlink(subs / "alice" / "ex1.py", subs / "oli" / "ex1.py")
    odd["oli"] = "oli/ex1.py: is a symbolic link, which is not followed"
    try:  # a device node needs CAP_MKNOD: where it is refused, the links above stand in
        os.mknod(subs / "pat_ex1.py", stat.S_IFCHR | 0o644, os.makedev(1, 5))
        odd["pat"] = "pat_ex1.py: is a character device, not a file"
    except OSError:
        pass
    (subs / "ray").mkdir()
    (subs / "ray" / "ex1.py").write_text(HOSTILE, encoding="utf-8", errors="surrogatepass")
    return full, odd


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory, lossdrill_command: list[str]
           ) -> Iterator[dict[str, Any]]:
    """The class graded by this checkout's lossdrill, then by a wheel install's."""
    root = tmp_path_factory.mktemp("odd")
    subs = root / "subs"
    subs.mkdir()
    full, odd = build_class(subs)
    server = socket.socket(socket.AF_UNIX)  # a socket exists while something listens
    server.bind(str(subs / "quinn_ex1.py"))
    odd["quinn"] = "quinn_ex1.py: is a socket, not a file"
    roster = root / "roster.csv"
    roster.write_text("id,name\nalice,=HYPERLINK(\"http://evil\";\"x\")\nbob,@SUM(A1)\n",
                      encoding="utf-8")
    started = time.monotonic()
    try:
        run = subprocess.run(
            [*lossdrill_command, "grade", str(subs), "--out", str(root / "out"),
             "--exercises", "ex1", "--secret", "odd-class-secret", "--timeout", "2",
             "--roster", str(roster), "--similar"],
            capture_output=True, timeout=RUN_BOUND, check=False,
            env={**os.environ, "COLUMNS": "200"})
    finally:
        server.close()
    yield {"run": run, "elapsed": time.monotonic() - started, "out": root / "out",
           "full": full, "odd": odd}


def _students(graded: dict[str, Any]) -> dict[str, dict[str, Any]]:
    raw = (graded["out"] / "results.json").read_bytes()
    doc = json.loads(raw.decode("utf-8"))  # strict: valid UTF-8
    return {s["id"]: s for s in doc["students"]}


def _rendered(markdown: str) -> str:
    """Markdown's backslash escapes undone, as a reader of the rendered page sees the text."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_the_run_ends_in_time_with_exit_0_and_a_clean_summary(graded: dict[str, Any]) -> None:
    run = graded["run"]
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert graded["elapsed"] < RUN_BOUND
    stdout, stderr = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    assert "Traceback" not in stdout + stderr
    # Names and messages are shown escaped: no terminal escape reaches the terminal.
    assert "\x1b" not in stdout + stderr and "\x07" not in stdout + stderr
    assert f"not graded (not a regular file, too large or unreadable; the student's row says " \
           f"so): {len(graded['odd']) - 3}" in stdout  # three are notebooks, read when graded
    for fragment in graded["odd"].values():
        if ".ipynb: is" in fragment or ".py: is" in fragment:
            assert fragment in stdout


def test_every_correct_student_has_full_marks(graded: dict[str, Any]) -> None:
    students = _students(graded)
    for ident, file in graded["full"].items():
        shown = escape.utf8(ident)
        assert shown in students, ident
        result = students[shown]["exercises"]["ex1"]
        assert (result["status"], result["score"]) == ("passed", FULL), (ident, result)
        assert result["file"] == escape.utf8(file)


def test_every_odd_file_costs_its_own_row_with_a_one_line_error(graded: dict[str, Any]
                                                                 ) -> None:
    students = _students(graded)
    for ident, fragment in graded["odd"].items():
        result = students[ident]["exercises"]["ex1"]
        assert (result["status"], result["score"]) == ("error", 0.0), (ident, result)
        (diagnosis,) = result["diagnoses"]
        assert diagnosis["id"] == "unreadable-file"
        assert fragment in diagnosis["message"] and "\n" not in diagnosis["message"], ident
        feedback = (graded["out"] / "feedback" / f"{ident}.md").read_text(encoding="utf-8")
        assert fragment in _rendered(feedback), ident
    # A link to another student's file grades nothing of theirs.
    assert students["oli"]["total"] == 0.0


def test_results_json_is_utf8_with_every_learner_string_escaped(graded: dict[str, Any]
                                                                ) -> None:
    students = _students(graded)
    for text in _strings(list(students.values())):
        text.encode("utf-8")  # no lone surrogate, even as a JSON escape
    hostile = students["ray"]["exercises"]["ex1"]
    assert hostile["status"] == "failed"  # its raises tests pass; its values raise
    assert any("\\ud800" in t["message"] for t in hostile["tests"])


def test_grades_csv_has_no_formula_cell_and_one_row_per_student(graded: dict[str, Any]
                                                                 ) -> None:
    text = (graded["out"] / "grades.csv").read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["student", "name", "ex1", "total"]
    assert len(rows) - 1 == len(graded["full"]) + len(graded["odd"]) + 1  # and ray
    assert text.count("\n") == len(rows)  # a name with a newline stays on its row
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["alice"][1] == "'=HYPERLINK(\"http://evil\";\"x\")"
    assert by_id["bob"][1] == "'@SUM(A1)"
    assert by_id["'=cmd|' -C calc'!A0"][3] == f"{FULL:g}"
    assert by_id["esc\\x1b[31m\\x0anew"][3] == f"{FULL:g}"
    assert by_id["caf\\xe9"][3] == f"{FULL:g}"
    for ident in graded["odd"]:
        assert by_id[ident][3] == "0", ident


def test_junit_xml_parses_with_a_suite_per_student(graded: dict[str, Any]) -> None:
    tree = ET.parse(graded["out"] / "junit.xml")
    suites = tree.getroot().findall("testsuite")
    assert len(suites) == len(graded["full"]) + len(graded["odd"]) + 1
    assert any(s.get("name") == "caf\\xe9 · ex1" for s in suites)


def test_feedback_renders_learner_text_inert(graded: dict[str, Any]) -> None:
    folder = graded["out"] / "feedback"
    pages = sorted(folder.glob("*.md"))
    assert len(pages) == len(graded["full"]) + len(graded["odd"]) + 1
    for page in pages:
        text = page.read_bytes().decode("utf-8")
        assert not any(ord(c) < 32 and c not in "\n" for c in text), page.name
    hostile = (folder / "ray.md").read_text(encoding="utf-8")
    # What ray printed opens with a fence of four backticks: the block's fence is longer.
    assert "`````text\n````\n# pwned\n<script>alert(1)</script>\\x1b[2J" in hostile
    assert "\n# pwned" not in hostile.replace("`````text\n````\n# pwned", "")
    # In the table, markup is escaped: no link, no HTML, no cell break.
    assert "[x](http" not in hostile.split("**Diagnosis**")[0].split("```")[0]
    named = (folder / "student.md").read_text(encoding="utf-8")  # \xff\xfe's own page
    assert "# Feedback for \\\\xff\\\\xfe" in named
