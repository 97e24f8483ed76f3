"""The held-out learners (tests/learners/heldout/) are complete, and their judge is right.

The set measures the diagnosis on code it was not written against (benchmarks/
diagnosis_quality.py prints the figures). These tests keep the set whole: at least four
single-mistake files per exercise, a correct file per exercise, 30 real-world files, every file
with its two header lines and its manifest row, no row without a file; every correct file
passes. They do not assert the diagnosis figures themselves.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
HELDOUT = REPO / "tests" / "learners" / "heldout"
EXERCISES = [ex.id for ex in Catalog(find_pack(REPO)).all()]
KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("diagnosis_quality", REPO / "benchmarks" /
                                                  "diagnosis_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["diagnosis_quality"] = module
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
MANIFEST = BENCH.load_manifest()


def _files(prefix: str) -> list[Path]:
    return sorted(HELDOUT.glob(f"ex*/{prefix}_*.py"))


def test_every_exercise_has_four_single_mistakes_and_a_correct_file() -> None:
    singles = Counter(p.parent.name for p in _files("single"))
    correct = Counter(p.parent.name for p in _files("correct"))
    for ex in EXERCISES:
        assert singles[ex] >= 4, f"{ex}: {singles[ex]} single-mistake files, at least 4 needed"
        assert correct[ex] >= 1, f"{ex}: no correct_*.py file"
    assert len(_files("real")) >= 30, f"only {len(_files('real'))} real-world files"
    folders = {p.name for p in HELDOUT.iterdir() if p.is_dir()}
    assert folders == set(EXERCISES), f"folders {sorted(folders ^ set(EXERCISES))} unexpected"


def test_every_file_has_its_headers() -> None:
    for path in HELDOUT.glob("*/*.py"):
        first, second = path.read_text(encoding="utf-8").splitlines()[:2]
        assert first == f"# lossdrill: {path.parent.name}", path
        match = re.fullmatch(r"# heldout: (\S+) — (.+)", second)
        assert match and KEBAB.fullmatch(match.group(1)), f"{path}: {second!r}"
        assert (match.group(1) == "correct") == path.name.startswith("correct_"), path


def test_the_manifest_lists_exactly_the_files() -> None:
    assert BENCH.inventory_problems(MANIFEST) == []
    listed = {f"{e.exercise}/{e.name}" for e in MANIFEST.entries}
    present = {f"{p.parent.name}/{p.name}" for p in HELDOUT.glob("*/*.py")}
    assert listed == present
    for entry in MANIFEST.entries:
        assert KEBAB.fullmatch(entry.expected), entry
        assert all(KEBAB.fullmatch(a) for a in entry.also), entry


def test_real_world_files_say_what_pattern_they_reproduce() -> None:
    for entry in MANIFEST.entries:
        if entry.kind == "real":
            assert len(entry.pattern) > 20, f"{entry.exercise}/{entry.name}: no pattern given"
        else:
            assert entry.pattern == "", f"{entry.exercise}/{entry.name}: a pattern, not real_"


def test_accepted_names_and_symptoms_are_ids() -> None:
    assert {"wrong-value", "not-finite", "did-not-raise"} <= MANIFEST.symptoms
    assert MANIFEST.aliases, "the table of accepted names is empty"
    for expected, accepted in MANIFEST.aliases.items():
        assert KEBAB.fullmatch(expected) and accepted, expected
        assert all(KEBAB.fullmatch(a) for a in accepted), expected


@pytest.mark.parametrize("breakage", ["unlisted", "missing", "header", "first-line", "pattern"])
def test_the_inventory_check_finds_what_is_broken(tmp_path: Path, breakage: str) -> None:
    root = tmp_path / "heldout"
    shutil.copytree(HELDOUT, root)
    victim = root / "ex5" / "correct_minimum-split.py"
    if breakage == "unlisted":
        shutil.copy(victim, root / "ex5" / "correct_copy.py")
    elif breakage == "missing":
        victim.unlink()
    elif breakage == "header":
        victim.write_text(victim.read_text().replace("# heldout: correct", "# heldout: other"))
    elif breakage == "first-line":
        victim.write_text(victim.read_text().replace("# lossdrill: ex5", "# lossdrill: ex6"))
    else:  # a public pattern for a file that is not a real-world one
        manifest = root / "MANIFEST.md"
        manifest.write_text(manifest.read_text().replace(
            "| correct_minimum-split.py | correct |  |  |",
            "| correct_minimum-split.py | correct |  | some public code |"))
    problems = BENCH.inventory_problems(BENCH.load_manifest(root / "MANIFEST.md"), root)
    assert len(problems) == 1, problems
    assert "ex5/correct_" in problems[0]


def _doc(*ids: str, status: str = "failed") -> dict[str, Any]:
    return {"status": status, "diagnoses": [{"id": i, "message": "…"} for i in ids]}


def test_the_judge_applies_the_manifest_rules() -> None:
    entry = BENCH.Entry("ex5", "single_x.py", "sum-instead-of-mean", ("extra-id",))
    manifest = BENCH.Manifest((entry,), frozenset({"wrong-value", "factor-n", "not-finite"}),
                              {"sum-instead-of-mean": frozenset({"factor-n"})})

    def judge(*ids: str, status: str = "failed") -> Any:
        return BENCH.judge(entry, _doc(*ids, status=status), manifest)

    assert judge("sum-instead-of-mean").named
    assert judge("factor-n").named  # an accepted symptom
    assert judge("extra-id").named  # the file's own also-accepted id
    only = judge("wrong-value", "wrong-value")
    assert only.wrong_value_only and not only.named and not only.false_ids
    assert not judge("not-finite").wrong_value_only and not judge().wrong_value_only
    wrong = judge("hard-coded-delta", "wrong-value", "not-finite")
    assert wrong.false_ids == ["hard-coded-delta"] and not wrong.named
    passed = judge(status="passed")
    assert not passed.as_expected and not passed.named
    fine = BENCH.judge(BENCH.Entry("ex5", "correct_y.py", "correct", ()), _doc(status="passed"),
                       manifest)
    assert fine.as_expected and not fine.false_ids


def test_an_unknown_exercise_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert BENCH.main(["--exercise", "ex99"]) == 2
    err = capsys.readouterr().err
    assert "unknown exercise 'ex99'" in err and f"ex1 … {EXERCISES[-1]}" in err


def test_every_correct_heldout_file_passes(tmp_path: Path) -> None:
    files = _files("correct")

    def check(i_path: tuple[int, Path]) -> dict[str, Any]:
        i, path = i_path
        return BENCH.run_check(path, 1, tmp_path / str(i), tmp_path / "cache")

    with ThreadPoolExecutor(max_workers=2) as pool:
        docs = list(pool.map(check, enumerate(files)))
    failing = {f"{p.parent.name}/{p.name}": (d.get("status"), d.get("why"),
                                             [t["name"] for t in d.get("tests", [])
                                              if t.get("status") != "passed"])
               for p, d in zip(files, docs, strict=True) if d.get("status") != "passed"}
    assert not failing, failing
