"""`lossdrill new ID SLUG`: the skeleton of an exercise (docs/authoring.md), from the command
line to a pack that `lossdrill validate` accepts once its TODOs are replaced.

The placeholders are filled here as an author would, with a trivial loss (the mean squared
error, its mistake a sum instead of a mean); then the pack validates, the generated tests
pass, the fixtures are graded as their names say, and the fixture inventory finds nothing
missing. Bad names, taken names and existing files are refused in one line, exit 2, with
nothing written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import fixture_inventory
import pytest
from cli_inprocess import run_main

from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.skeleton import skeleton_files

MISTAKE = "sum-instead-of-mean"
CHECKED = ["y_true = np.asarray(y_true, dtype=float)", "y_pred = np.asarray(y_pred, dtype=float)",
           "if y_true.shape != y_pred.shape:", "    raise ValueError('shapes differ')"]
LOOP = ["total = 0.0", "for t, p in zip(y_true.ravel(), y_pred.ravel()):",
        "    total += (float(p) - float(t)) ** 2"]
# What the author writes in place of each `raise NotImplementedError("TODO…")`, by the file's
# part in the skeleton: the lines of each function's body, in the order the functions come.
BODIES = {
    "reference": [["return float(np.mean((y_pred - y_true) ** 2))"],
                  ["return float(np.sum((y_pred - y_true) ** 2))"]],
    "vectorised": [[*CHECKED, "return float(np.mean((y_pred - y_true) ** 2))"]],
    "loops": [[*CHECKED, *LOOP, "return total / y_true.size"]],
    "mistake": [[*CHECKED, *LOOP, "return total"]],
    "cross-check": [["pairs = zip(y_true, y_pred)",
                     "return sum((float(p) - float(t)) ** 2 for t, p in pairs) / len(y_true)"]],
}
TODO_CODE = re.compile(r'raise NotImplementedError\("TODO[^"]*"\)')
TODO_TEXT = re.compile(r"TODO[:：][^\"\n]*")


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> Any:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LOSSDRILL_EXERCISES", raising=False)
    monkeypatch.setenv("LOSSDRILL_LANG", "en")
    return lambda *args: run_main(monkeypatch, capsys, *args)


def fill(pack: Path) -> None:
    """Replace every placeholder of the skeleton, as its author would."""
    for path in sorted(pack.rglob("*.*")):
        text = path.read_text(encoding="utf-8")
        for body in BODIES.get(part(path), []):
            text = TODO_CODE.sub(lambda _, body=body: "\n    ".join(body), text, count=1)
        text = text.replace('float("nan")  # TODO: the value', '1.3125  # the value')
        text = TODO_TEXT.sub("Written by the author.", text)
        assert not re.search("TODO[:：]", text), path
        path.write_text(text, encoding="utf-8")


def part(path: Path) -> str:
    if path.parent.name == "solutions":
        return "reference"
    if path.name.startswith("test_references_"):
        return "cross-check"
    if path.name.startswith("mistake_"):
        return "mistake"
    return path.stem.rsplit("_", 1)[-1]  # vectorised, loops (the spec: none)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_new_writes_a_skeleton_that_validates_once_filled(run_cli: Any, tmp_path: Path) -> None:
    pack = tmp_path / "course"
    pack.mkdir()
    code, out, err = run_cli("new", "ex26", "mean_sq", "--mistake", MISTAKE, "--pack", pack)
    assert (code, err) == (0, "")
    written = sorted(str(p.relative_to(pack)) for p in pack.rglob("*") if p.is_file())
    assert written == sorted(str(p) for p in skeleton_files("ex26", "mean_sq", MISTAKE))
    assert written == sorted([
        "exercises/ex26_mean_sq.yaml", "solutions/ex26_mean_sq.py",
        "tests/learners/ex26/mean_sq_vectorised.py", "tests/learners/ex26/mean_sq_loops.py",
        f"tests/learners/ex26/mistake_{MISTAKE}.py", "tests/grading/test_references_ex26.py"])
    for name in written:
        assert f"wrote {pack / name}\n" in out
    assert f"lossdrill validate {pack}" in out

    # Unfilled, the spec loads (the catalogue lists it), and validate says what to write.
    ex = Catalog(find_pack(pack)).get("mean_sq")
    assert (ex.id, list(ex.function_names), [m.id for m in ex.mistakes]) == (
        "ex26", ["mean_sq"], [MISTAKE])
    assert set(ex.translations["zh"]) >= {"title", "statement", "hints[2]", "mistakes[0].message"}
    # (Each in a process of its own, as an author runs them: a process keeps the reference
    # it loaded first.)
    run = lossdrill("validate", pack, "--seeds", "2", cwd=tmp_path)
    assert run.returncode != 0 and "TODO: the loss of y_true and y_pred" in run.stderr
    assert generated_tests(pack, "ex26").returncode == 1

    fill(pack)
    run = lossdrill("validate", pack, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    for check in ("spec loads", "translations", "reference passes", "starter fails",
                  f"mistake {MISTAKE}"):
        assert check in run.stdout, run.stdout
    run = generated_tests(pack, "ex26")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "23 passed" in run.stdout
    assert fixture_inventory.problems(Catalog(find_pack(pack)).all(), pack / "tests") == []
    for fixture in sorted((pack / "tests" / "learners" / "ex26").glob("*.py")):
        run = lossdrill("check", fixture, "--pack", pack, "--json", "--seed", "3", cwd=tmp_path)
        doc = json.loads(run.stdout)
        if fixture.name.startswith("mistake_"):
            assert (run.returncode, doc["status"]) == (1, "failed"), run.stdout
            assert MISTAKE in [d["id"] for d in doc["diagnoses"]], run.stdout
        else:
            assert (run.returncode, doc["status"]) == (0, "passed"), run.stdout


def lossdrill(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LOSSDRILL_EXERCISES"}
    return subprocess.run([sys.executable, "-m", "lossdrill", *map(str, args)], cwd=cwd,
                          env={**env, "LOSSDRILL_LANG": "en"}, capture_output=True, text=True,
                          timeout=300)


def test_an_exercise_without_fixtures_is_named_with_what_to_add(run_cli: Any,
                                                                 tmp_path: Path) -> None:
    assert run_cli("new", "ex1", "first", "--mistake", MISTAKE)[0] == 0
    for fixture in (tmp_path / "tests" / "learners" / "ex1").iterdir():
        fixture.unlink()
    (tmp_path / "tests" / "grading" / "test_references_ex1.py").unlink()
    found = fixture_inventory.problems(Catalog(find_pack(tmp_path)).all(), tmp_path / "tests")
    assert found == [
        "ex1: 0 correct solution style(s) in tests/learners/ex1/; add at least 2, such as "
        "tests/learners/ex1/first_vectorised.py and tests/learners/ex1/first_loops.py",
        f"ex1: no fixture for the mistake {MISTAKE}; add tests/learners/ex1/mistake_{MISTAKE}.py"
        ", a correct solution with that one mistake",
        "ex1: no cross-check of solutions/ex1_first.py; add tests/grading/test_references_ex1.py "
        "comparing it with an independent implementation (`lossdrill new` writes one to fill in)",
    ]


def test_the_default_mistake_is_a_placeholder_the_generated_tests_refuse(
        run_cli: Any, tmp_path: Path) -> None:
    assert run_cli("new", "ex2", "second")[0] == 0
    assert (tmp_path / "tests" / "learners" / "ex2" / "mistake_todo-name-this-mistake.py").is_file()
    fill(tmp_path)
    run = generated_tests(tmp_path, "ex2")
    assert run.returncode == 1
    assert "test_no_placeholder_is_left" in run.stdout


def generated_tests(pack: Path, exercise: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(pack / "tests" / "grading" / f"test_references_{exercise}.py")],
                          cwd=pack,
                          capture_output=True, text=True, timeout=300)


def assert_refused(result: tuple[int, str, str], *fragments: str) -> None:
    code, out, err = result
    assert code == 2 and out == "", result
    assert len(err.splitlines()) == 1 and err.startswith("lossdrill: error: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def test_new_never_overwrites(run_cli: Any, tmp_path: Path) -> None:
    assert run_cli("new", "ex26", "mean_sq")[0] == 0
    (tmp_path / "exercises" / "ex26_mean_sq.yaml").write_text("# the author's work\n")
    before = snapshot(tmp_path)
    assert_refused(run_cli("new", "ex26", "mean_sq"), "exercises/ex26_mean_sq.yaml",
                   "is ex26 already", "the next free one is ex27")
    assert snapshot(tmp_path) == before


def test_one_existing_file_refuses_the_whole_skeleton(run_cli: Any, tmp_path: Path) -> None:
    cross_check = tmp_path / "tests" / "grading" / "test_references_ex26.py"
    cross_check.parent.mkdir(parents=True)
    cross_check.write_text("# kept\n")
    assert_refused(run_cli("new", "ex26", "mean_sq"),
                   "tests/grading/test_references_ex26.py: already exists", "never overwrites")
    assert snapshot(tmp_path) == {"tests/grading/test_references_ex26.py": b"# kept\n"}


def test_a_failed_write_leaves_nothing_behind(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "learners").write_text("a file where the fixtures' folder goes\n")
    before = snapshot(tmp_path)
    code, out, err = run_cli("new", "ex26", "mean_sq")
    assert (code, out) == (2, "") and len(err.splitlines()) == 1, err
    assert "learners" in err and "Traceback" not in err
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tests"]


@pytest.mark.parametrize(("args", "fragment"), [
    (["exx", "mean_sq"], "'exx': not an exercise id; write ex and its number, such as ex1"),
    (["26", "mean_sq"], "'26': not an exercise id"),
    (["ex2 6", "mean_sq"], "not an exercise id"),
    (["ex26\x1b[31m", "mean_sq"], "'ex26\\x1b[31m': not an exercise id"),
    (["ex26", "Mean"], "'Mean': not a slug"),
    (["ex26", "mean-sq"], "'mean-sq': not a slug"),
    (["ex26", "_mean"], "not a slug"),
    (["ex26", "m" * 31], "not a slug"),
    (["ex26", "ex5"], "'ex5': a slug that reads as an exercise id"),
    (["ex26", "mean_sq", "--mistake", "Sum"], "--mistake 'Sum'"),
    (["ex26", "mean_sq", "--mistake", "-sum"], "--mistake '-sum'"),
    (["ex26", "mean_sq", "--pack", "nowhere"], "nowhere: no such folder"),
])
def test_bad_names_are_refused_in_one_line(run_cli: Any, tmp_path: Path, args: list[str],
                                           fragment: str) -> None:
    assert_refused(run_cli("new", *args), fragment)
    assert list(tmp_path.iterdir()) == []


def test_taken_names_are_refused(run_cli: Any, tmp_path: Path) -> None:
    assert run_cli("new", "ex3", "hinge_sq")[0] == 0
    before = snapshot(tmp_path)
    assert_refused(run_cli("new", "ex3", "other"), "ex3_hinge_sq.yaml: is ex3 already",
                   "the next free one is ex4")
    assert_refused(run_cli("new", "ex4", "hinge_sq"), "ex3_hinge_sq.yaml: is hinge_sq already")
    assert snapshot(tmp_path) == before


def test_a_folder_of_specs_is_not_taken_for_a_pack(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "ex1_mse.yaml").write_text("id: ex1\n")
    assert_refused(run_cli("new", "ex2", "bce"), "holds specs itself; pass the folder above it")


def test_a_python_word_as_slug_names_the_function_apart(run_cli: Any, tmp_path: Path) -> None:
    assert run_cli("new", "ex7", "lambda")[0] == 0
    ex = Catalog(find_pack(tmp_path)).get("lambda")
    assert list(ex.function_names) == ["lambda_"]
    compile((tmp_path / "solutions" / "ex7_lambda.py").read_text(), "ex7_lambda.py", "exec")


def test_the_pack_named_before_the_command_is_the_one_written(tmp_path: Path) -> None:
    """`lossdrill --pack DIR new …` (as LOSSDRILL_EXERCISES) writes into DIR."""
    pack = tmp_path / "course"
    pack.mkdir()
    run = lossdrill("--pack", pack, "new", "ex1", "mse", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (pack / "exercises" / "ex1_mse.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course"]


def test_new_works_from_a_wheel_install(wheel_env: Path, tmp_path: Path) -> None:
    """The templates ship in the wheel."""
    run = subprocess.run([str(wheel_env / "bin" / "lossdrill"), "new", "ex1", "mse"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=90)
    assert run.returncode == 0, run.stderr
    assert snapshot(tmp_path).keys() == {str(p) for p in skeleton_files("ex1", "mse",
                                                                        "todo-name-this-mistake")}
