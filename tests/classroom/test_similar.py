"""`grade --similar`: the normalised token stream (and its fallback for files `tokenize`
cannot read), the ranking that puts a disguised copy above starters and innocent one-liners,
the flag for a copy of the reference solution, the cap on common code, files that cannot be
read, learner names in the outputs, and the benchmark script at a tiny size. Speed is the
benchmark's to prove (benchmarks/similarity.py), not a timed test's."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest
from rich.console import Console

from lossdrill.classroom import fingerprints
from lossdrill.classroom.fingerprints import MAX_CHARS, blocks, normalise, read_source
from lossdrill.classroom.grade import RunStats
from lossdrill.classroom.layout import Discovery
from lossdrill.classroom.outputs import results_json_tail
from lossdrill.classroom.plan import Plan
from lossdrill.classroom.similar import (
    COMMON,
    Pair,
    ReferenceMatch,
    Similarity,
    find_similar,
    reference_code,
)
from lossdrill.classroom.summary import render_summary
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.starter import starter_source

REPO = Path(__file__).resolve().parents[2]
EX1 = Catalog(find_pack(REPO)).get("ex1")
STARTER = starter_source(EX1)

# An answer to ex1 in a style of its own, long enough to be evidence.
ORIGINAL = '''import numpy as np


def _check(a, b):
    # both arrays must have one shape: broadcasting would hide a mistake
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
    if a.size == 0:
        raise ValueError("empty input")


def _squares(a, b):
    total = 0.0
    for x, y in zip(a.ravel(), b.ravel()):
        d = y - x
        total += d * d
    return total


def mse(y_true, y_pred):
    """Mean squared error, by hand."""
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    _check(y_true, y_pred)
    return _squares(y_true, y_pred) / y_true.size
'''
# The same, disguised: every name changed, the functions in another order, the comments
# and docstring rewritten or gone, the messages reworded, another layout.
DISGUISED = '''import numpy as np

def mse(truth, guess):
    # my own MSE
    truth = np.asarray(truth, dtype=float)
    guess = np.asarray(guess, dtype=float)
    validate(truth, guess)
    return sum_sq(truth, guess) / truth.size

def sum_sq(p, q):
    acc = 0.0
    for u, v in zip(p.ravel(), q.ravel()):   # pairs of elements
        diff = v - u
        acc += diff * diff
    return acc

def validate(p, q):
    if p.shape != q.shape:
        raise ValueError(f"the shapes must match, got {p.shape} and {q.shape}")
    if p.size == 0:
        raise ValueError('nothing to average')
'''
ONE_LINER = ("import numpy as np\n\n\ndef mse(y_true, y_pred):\n"
             "    return float(np.mean((y_pred - y_true) ** 2))\n")


def write(folder: Path, sources: dict[str, str]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for student, text in sources.items():
        paths[student] = folder / f"{student}.py"
        paths[student].write_text(text, encoding="utf-8")
    return paths


def _reference_copy() -> str:
    """The reference's mse, renamed and stripped of its comments and docstring."""
    ref = EX1.solution_path.read_text(encoding="utf-8")
    body = ref.split("def mse", 1)[1].split("# ---", 1)[0]
    body = "\n".join(line for line in body.splitlines()
                     if not line.strip().startswith(("#", '"""')))
    return "import numpy as np\n\ndef mse" + body.replace("y_true", "t").replace("y_pred", "p")


def _class(tmp_path: Path) -> Similarity:
    files = write(tmp_path, {
        "ann": ORIGINAL, "ben": DISGUISED,
        # innocent: the one line every correct answer is
        "cat": ONE_LINER, "dan": ONE_LINER.replace("y_true", "a"), "eve": ONE_LINER,
        "fay": _reference_copy(),
        # the starter as handed out, and renamed
        "gus": STARTER, "hal": STARTER.replace("y_pred", "p"),
    })
    return find_similar({"ex1": files}, {"ex1": STARTER}, {"ex1": EX1.solution_path})


# --- the token stream ------------------------------------------------------------------------

def test_the_stream_ignores_names_comments_docstrings_literals_and_layout() -> None:
    a = '''"""Module doc."""
import numpy as np

def mse(y_true, y_pred):
    """The MSE."""
    # square the errors
    return float(np.mean((y_pred - y_true) ** 2))
'''
    b = '''import numpy as np
def loss(target, guess):

\treturn float(np.mean(
\t    (guess - target) ** 2.0))  # renamed, another literal, tabs, a line split
'''
    assert normalise(a) == normalise(b)
    assert normalise(a) != normalise(a.replace("** 2", "* 2"))
    # Names after a dot are the library's, and say what the code does.
    assert normalise(a) != normalise(a.replace("np.mean", "np.sum"))


def test_reordering_functions_keeps_every_fingerprint() -> None:
    one = "def f(a):\n    return a + 1\n\n\ndef g(b, c):\n    return b * c - 2\n"
    other = "def g(x, y):\n    return x * y - 2\n\n\ndef f(z):\n    return z + 1\n"
    assert fingerprints.fingerprints(one) == fingerprints.fingerprints(other)
    assert len(blocks(one)) == 2


def test_the_fallback_scanner_reads_what_tokenize_reads() -> None:
    # For code tokenize reads, the scanner gives the same lines: a file that stops
    # tokenizing after an edit is still compared with its earlier self.
    files = sorted((REPO / "solutions").glob("*.py")) + sorted(REPO.glob("tests/learners/*/*.py"))
    assert len(files) > 50
    for path in files:
        source = path.read_text(encoding="utf-8")
        scanned = fingerprints._lines_by_scanner(source)
        assert scanned == fingerprints._lines_by_tokenize(source), path


BROKEN = [
    'def mse(a, b):\n    return np.mean((a - b) ** 2)\n  x = """never closed\n',  # dedent + EOF
    "def mse(a, b):\n        s = (a - b\n    return s\n",  # unbalanced bracket at EOF
    "def mse(a, b):\n\x00    return a\x1b[31m - b\n",  # NUL and an escape sequence
]


@pytest.mark.parametrize("source", BROKEN)
def test_a_file_that_does_not_tokenize_is_still_compared(tmp_path: Path, source: str) -> None:
    with pytest.raises((tokenize.TokenError, SyntaxError, ValueError)):
        list(tokenize.generate_tokens(io.StringIO(source).readline))
    body = source + "".join(f"\ndef extra_{i}(q, r):\n    return q * {i} + r ** 2 - q / r\n"
                            for i in range(4))
    files = write(tmp_path, {"one": body,
                             "two": body.replace("mse", "loss").replace("(a, b", "(u, v")})
    found = find_similar({"ex1": files}, {"ex1": STARTER})
    assert [(p.first, p.second, p.ratio) for p in found.pairs] == [("one", "two", 1.0)]


@pytest.mark.parametrize("line", [
    "x = 1" + " " * 300 + "$",  # tokenize rescans the blanks from each one
    "x = " + "'\\" * 300 + "x",  # …and the rest of the line from each open quote
])
def test_text_tokenize_reads_in_quadratic_time_goes_to_the_scanner(line: str) -> None:
    # Python's tokenize goes on after such text one character at a time; on a line of a
    # few thousand characters that takes minutes. The first error token hands the file
    # to the scanner, which reads it in one pass.
    source = f"def f(a):\n    return a\n{line}\n"
    with pytest.raises((tokenize.TokenError, SyntaxError)):  # the latter from Python 3.12
        fingerprints._lines_by_tokenize(source)
    assert blocks(source)[0] == normalise("def f(a):\n    return a\n")
    assert len(blocks(source)) == 2


# --- ranking and the reference -------------------------------------------------------------

def test_a_disguised_copy_ranks_above_starters_and_innocent_one_liners(tmp_path: Path) -> None:
    found = _class(tmp_path)
    ranked = [(p.first, p.second) for p in found.pairs]
    assert ranked[0] == ("ann", "ben")
    assert found.pairs[0].ratio >= 0.95
    innocent = [p for p in found.pairs if {p.first, p.second} <= {"cat", "dan", "eve"}]
    assert innocent, "the one-liners are alike: they are listed, below the copy"
    assert all(p.weight < found.pairs[0].weight / 5 for p in innocent)
    # The starter, as handed out or renamed, is shared by everyone: it pairs with no one.
    assert not [p for p in found.pairs if {"gus", "hal"} & {p.first, p.second}]


def test_a_copy_of_the_reference_is_flagged(tmp_path: Path) -> None:
    found = _class(tmp_path)
    assert found.references == [ReferenceMatch("ex1", "fay", 1.0)]


def test_a_one_line_answer_that_is_the_reference_is_not_flagged(tmp_path: Path) -> None:
    # When the reference is the line everyone writes, writing it is no evidence of copying.
    reference = write(tmp_path / "solutions", {"ex1_mse": ONE_LINER})["ex1_mse"]
    files = write(tmp_path, {"cat": ONE_LINER.replace("y_true", "t"), "ann": ORIGINAL})
    found = find_similar({"ex1": files}, {"ex1": STARTER}, {"ex1": reference})
    assert found.references == []
    # …while the same code at length is flagged.
    long_reference = write(tmp_path / "solutions", {"ex1_long": ORIGINAL})["ex1_long"]
    found = find_similar({"ex1": files}, {"ex1": STARTER}, {"ex1": long_reference})
    assert found.references == [ReferenceMatch("ex1", "ann", 1.0)]


def test_a_mistake_the_reference_diagnoses_is_not_taken_for_a_copy_of_it() -> None:
    # The reference file holds its mistake variants too; they are not its solution.
    kept = reference_code(EX1.solution_path.read_text(encoding="utf-8"))
    assert "def mse(" in kept and "def _as_float_pair(" in kept  # a helper stays
    assert "def _sum_instead_of_mean" not in kept and "MISTAKES = {" not in kept
    summed = REPO / "tests/learners/ex1/mistake_sum-instead-of-mean.py"
    found = find_similar({"ex1": {"sam": summed}}, {"ex1": STARTER}, {"ex1": EX1.solution_path})
    assert found.references == []


def test_code_common_to_many_submissions_is_not_evidence(tmp_path: Path) -> None:
    shared = ORIGINAL.replace("def mse", "def unused")
    rare = "\n\ndef mse(u, v):\n    w = np.abs(u - v) ** 3\n    w[w > 9] = np.sqrt(w[w > 9])\n" \
           "    return float(w.sum() / max(len(w), 1)) + np.log1p(w).mean()\n"
    own = ("tanh", "sin", "cos", "exp", "log", "sqrt", "abs", "square", "cbrt", "exp2",
           "log2", "log10", "sinh", "cosh")
    assert len(own) >= COMMON + 2
    # Twelve students share `shared`, each has a function of their own, two share `rare`.
    sources = {f"s{i:02d}": shared + f"\n\ndef own(x):\n    return x * np.{own[i]}(x) - "
               "np.median(x)\n" for i in range(COMMON + 2)}
    sources["s00"] += rare
    sources["s01"] += rare.replace("(u, v)", "(m, n)")
    found = find_similar({"ex1": write(tmp_path, sources)}, {"ex1": STARTER}, threshold=0.5)
    assert [(p.first, p.second) for p in found.pairs] == [("s00", "s01")]


def test_files_that_cannot_be_read_are_left_out(tmp_path: Path) -> None:
    files = write(tmp_path, {"ann": ORIGINAL, "ben": DISGUISED})
    (tmp_path / "deep.ipynb").write_text("[" * 100_000)
    (tmp_path / "junk.ipynb").write_text("not json")
    (tmp_path / "folder.py").mkdir()
    files.update(deep=tmp_path / "deep.ipynb", junk=tmp_path / "junk.ipynb",
                 folder=tmp_path / "folder.py", gone=tmp_path / "gone.py")
    if hasattr(os, "mkfifo"):  # opening a FIFO to read would wait for a writer forever
        os.mkfifo(tmp_path / "pipe.py")
        os.mkfifo(tmp_path / "pipe.ipynb")
        files.update(pipe=tmp_path / "pipe.py", pipe_notebook=tmp_path / "pipe.ipynb")
    found = find_similar({"ex1": files}, {"ex1": STARTER}, {"ex1": tmp_path / "no-such.py"})
    assert [(p.first, p.second) for p in found.pairs] == [("ann", "ben")]
    assert found.references == []


def test_a_notebook_is_compared_by_its_code_cells(tmp_path: Path) -> None:
    files = write(tmp_path, {"ann": ORIGINAL})
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# My MSE"]},
             {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": DISGUISED.splitlines(keepends=True)}]
    files["ben"] = tmp_path / "ben.ipynb"
    files["ben"].write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                        "nbformat_minor": 5}))
    found = find_similar({"ex1": files}, {"ex1": STARTER})
    assert [(p.first, p.second) for p in found.pairs] == [("ann", "ben")]


def test_a_huge_file_is_read_up_to_the_bound(tmp_path: Path) -> None:
    huge = tmp_path / "huge.py"
    huge.write_text("x = 1\n" * (MAX_CHARS // 2))
    assert len(read_source(huge)) == MAX_CHARS


def test_the_report_is_the_same_in_every_process(tmp_path: Path) -> None:
    # String hashes change with every interpreter; fingerprints must not (a rerun writes
    # the same results.json).
    write(tmp_path, {"ann": ORIGINAL, "ben": DISGUISED, "cat": ONE_LINER, "dan": ONE_LINER})
    code = ("import sys, json; from pathlib import Path; "
            "from lossdrill.classroom.similar import find_similar; "
            "files = {p.stem: p for p in Path(sys.argv[1]).glob('*.py')}; "
            "print(json.dumps([vars(p) for p in find_similar({'ex1': files}, {}).pairs]))")
    runs = [subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1] and json.loads(runs[0])


# --- the outputs -----------------------------------------------------------------------------

HOSTILE = "\x1b[2J\ud800=cmd|' /C calc'!A0\u202e"


def test_learner_names_are_inert_in_results_json_and_the_summary() -> None:
    found = Similarity([Pair("ex1", HOSTILE, "ben", 1.0, 12.0)],
                       [ReferenceMatch("ex1", HOSTILE, 0.98)])
    plan = Plan([], [], Discovery("folders", [], [], []))
    text = "{" + results_json_tail(plan, found).split("],\n", 1)[1]
    text.encode("utf-8")  # no lone surrogate left: the file is valid UTF-8
    tail = json.loads(text)
    # JSON escapes control characters itself; what UTF-8 cannot hold is shown as an escape.
    assert tail["similar"][0]["first"] == "\x1b[2J\\ud800=cmd|' /C calc'!A0\u202e"
    assert tail["matches_reference"] == [{"exercise": "ex1", "student": tail["similar"][0]
                                          ["first"], "ratio": 0.98}]
    out = io.StringIO()
    render_summary(Console(file=out, width=200, force_terminal=True, no_color=True), plan,
                   RunStats(), found, [])
    text = out.getvalue()
    assert "matches the pack's reference solution (names and comments aside): 1" in text
    assert "ex1: \\x1b[2J\\ud800=cmd|' /C calc'!A0\\u202e (98%)" in text
    assert "ex1: \\x1b[2J" in text and "~ ben (100%, weight 12)" in text
    assert "\x1b[2J" not in text and "\u202e" not in text


def test_the_benchmark_runs_and_finds_what_it_planted() -> None:
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "similarity.py"),
                          "--lines", "120", "--students", "60", "--old-budget", "120"],
                         capture_output=True, text=True, timeout=300, check=True)
    assert run.stdout.count("ratio old/new:") == 2, run.stdout
    assert "planted found 1/1, at ranks [1]" in run.stdout
    assert "planted found 2/2, at ranks [1, 2]" in run.stdout


def test_shared_code_is_found_on_its_lines_in_both_files() -> None:
    """What the class report marks: the lines a shared k-gram lies on, in each file, by the
    tokenizer and by the scanner alike (a file that does not parse is still shown)."""
    first = ("import numpy as np\n\n"
             "def mse(a, b):\n    d = a - b\n    return float(np.mean(d ** 2))\n\n"
             "def other(x):\n    return x.sum() + 3\n")
    second = ("# a header\n\nvalues = [1, 2, 3]\nprint(len(values))\n\n"
              "def loss(y, p):\n    r = y - p\n    return float(np.mean(r ** 2))\n")
    for broken in ("", "\n$"):  # `$` sends both files through the scanner
        one = fingerprints.gram_lines(first + broken)
        two = fingerprints.gram_lines(second + broken)
        shared = one.keys() & two.keys()
        lines_one = {n for digest in shared for n in one[digest]}
        lines_two = {n for digest in shared for n in two[digest]}
        assert {3, 4, 5} <= lines_one and not {7, 8} & lines_one
        assert {6, 7, 8} <= lines_two and not {1, 3, 4} & lines_two
