"""`lossdrill release`: a student pack grades offline with recorded answers, names mistakes,
says that hidden tests run at grading — and holds no reference code, no mistake variant's
code, and no hidden test (name, input or expected value)."""

from __future__ import annotations

import base64
import importlib.util
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lossdrill.classroom.answers import visible_only
from lossdrill.classroom.release import release
from lossdrill.errors import SpecError, UsageError
from lossdrill.grading.engine import check_functions
from lossdrill.grading.inputs import VISIBLE_SEED, resolve_args
from lossdrill.grading.inputs import rng_for as rng_for_test
from lossdrill.grading.reference import ReplayReference, answers_path, load_reference
from lossdrill.sandbox.protocol import decode
from lossdrill.spec.catalog import Catalog, Pack, find_pack
from lossdrill.spec.load import load_exercise

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
EXERCISES = ("ex1", "ex2", "ex3")
CATALOG = Catalog(find_pack(REPO))


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release") / "pack"
    released = release(CATALOG, out, list(EXERCISES))
    assert [r.exercise.id for r in released] == list(EXERCISES)
    return out


def check(pack: Path, file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossdrill", "check", str(file), "--pack",
                           str(pack), *args], capture_output=True, text=True, timeout=120,
                          cwd=file.parent, check=False)


def test_pack_layout(pack: Path) -> None:
    names = sorted(str(p.relative_to(pack)) for p in pack.rglob("*") if p.is_file())
    assert "lossdrill-pack.json" in names and "README.md" in names
    for ex in EXERCISES:
        stem = CATALOG.get(ex).path.stem
        assert {f"exercises/{stem}.yaml", f"answers/{stem}.json", f"starters/{ex}.py"} <= set(
            names)
    assert not any(n.startswith("solutions") for n in names)


def test_released_specs_keep_only_visible_tests(pack: Path) -> None:
    for ex in EXERCISES:
        original = CATALOG.get(ex)
        public = load_exercise(pack / "exercises" / original.path.name, pack / "solutions")
        assert [t.name for t in public.tests] == [t.name for t in original.tests
                                                   if t.visibility == "visible"]
        assert public.statement == original.statement and public.hints == original.hints
        assert isinstance(load_reference(public), ReplayReference)


@pytest.mark.parametrize(("ex", "fixture"), [("ex1", "ex1/mse_vectorised.py"),
                                             ("ex2", "ex2/bce_xlogy.py"),
                                             ("ex3", "ex3/hinge_loops.py")])
def test_a_correct_file_passes_offline(pack: Path, tmp_path: Path, ex: str, fixture: str
                                       ) -> None:
    file = tmp_path / f"{ex}.py"
    file.write_text((LEARNERS / fixture).read_text())
    run = check(pack, file, "--json")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["status"] == "passed"
    assert all(t["visibility"] == "visible" for t in doc["tests"])
    assert doc["notes"] and "hidden test(s)" in doc["notes"][0]
    assert doc["max_score"] == sum(t.points for t in CATALOG.get(ex).tests
                                   if t.visibility == "visible")


@pytest.mark.parametrize(("ex", "mistake"), [("ex1", "sum-instead-of-mean"),
                                             ("ex2", "no-clipping"),
                                             ("ex3", "grad-wrong-sign")])
def test_mistakes_are_diagnosed_offline(pack: Path, tmp_path: Path, ex: str, mistake: str
                                        ) -> None:
    file = tmp_path / f"{ex}.py"
    file.write_text((LEARNERS / ex / f"mistake_{mistake}.py").read_text())
    run = check(pack, file)
    assert run.returncode == 1, run.stderr
    assert mistake in run.stdout
    assert "hidden test(s)" in run.stdout and "run when your work is graded" in run.stdout


def _functions(path: Path) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location(f"fixture_{path.parent.name}_{path.stem}",
                                                  path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {k: v for k, v in vars(module).items() if callable(v)}


@pytest.mark.parametrize("ex", EXERCISES)
def test_offline_grading_matches_online_for_every_fixture(pack: Path, ex: str) -> None:
    """Every learner fixture (correct, each mistake) gets the same verdicts, score and
    diagnoses from the recorded answers as from the reference itself."""
    original = CATALOG.get(ex)
    public = load_exercise(pack / "exercises" / original.path.name, pack / "solutions")
    replay = load_reference(public)
    fixtures = sorted((LEARNERS / ex).glob("*.py"))
    assert fixtures
    for fixture in fixtures:
        functions = _functions(fixture)
        with np.errstate(all="ignore"):
            online = check_functions(visible_only(original), functions, seed=0)
            offline = check_functions(public, functions, seed=0, reference=replay)
        assert [t.status for t in offline.tests] == [t.status for t in online.tests], fixture
        assert offline.score == online.score, fixture
        assert [d.id for d in offline.diagnoses] == [d.id for d in online.diagnoses], fixture


def test_the_starter_fails_offline(pack: Path, tmp_path: Path) -> None:
    file = tmp_path / "ex1.py"
    file.write_text((pack / "starters" / "ex1.py").read_text())
    run = check(pack, file, "--json")
    assert run.returncode == 1
    assert [d["id"] for d in json.loads(run.stdout)["diagnoses"]] == ["not-implemented"]


def _pack_bytes(pack: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(pack.rglob("*")) if p.is_file())


def _decoded_answers(pack: Path) -> list[np.ndarray]:
    arrays: list[np.ndarray] = []
    for path in (pack / "answers").glob("*.json"):
        doc = json.loads(path.read_text())
        for table in doc["answers"].values():
            for outcome in table.values():
                if outcome.get("ok"):
                    arrays.append(np.asarray(decode(outcome["value"]), dtype=float))
    return arrays


def _forms(value: Any) -> set[bytes]:
    """How a hidden value could appear: its raw bytes in base64, and its printed numbers."""
    arr = np.asarray(value)
    forms = {base64.b64encode(np.ascontiguousarray(arr).tobytes())} if arr.size > 1 else set()
    for x in arr.ravel()[:50].astype(float):
        text = repr(float(x))
        if sum(c.isdigit() for c in text) >= 8:
            forms.add(text.encode())
    return forms


def test_no_reference_code_and_no_mistake_variant_in_the_pack(pack: Path) -> None:
    content = _pack_bytes(pack)
    for ex in EXERCISES:
        exercise = CATALOG.get(ex)
        reference = load_reference(exercise)
        public_spec = exercise.path.read_text()
        functions = list(reference.functions.values())
        functions += [f for variant in reference.variants.values() for f in variant.values()]
        for function in functions:
            source = inspect.getsource(function)
            assert source.encode() not in content
            for line in source.splitlines()[1:]:  # every line of every body
                line = line.strip()
                if len(line) >= 24 and line not in public_spec and not line.startswith("#"):
                    assert line.encode() not in content, (ex, function.__name__, line)


def test_no_hidden_test_name_input_or_expected_value_in_the_pack(pack: Path) -> None:
    content = _pack_bytes(pack)
    answers = _decoded_answers(pack)
    for ex in EXERCISES:
        exercise = CATALOG.get(ex)
        reference = load_reference(exercise).functions
        for test in (t for t in exercise.tests if t.visibility == "hidden"):
            assert test.name.encode() not in content, (ex, test.name)
            for seed in (0, 1, VISIBLE_SEED, 12345):
                args = resolve_args(getattr(test, "args", {}), rng_for_test(seed, test.name))
                values = list(args.values())
                fn = getattr(test, "function", None)
                if fn:
                    with np.errstate(all="ignore"):
                        values.append(reference[fn](*args.values()))
                for value in values:
                    if np.ndim(value) == 0 and isinstance(value, (int, bool)):
                        continue
                    for form in _forms(value):
                        assert form not in content, (ex, test.name, seed)
                    arr = np.asarray(value, dtype=float)
                    if arr.size > 1:
                        assert not any(a.shape == arr.shape and np.array_equal(a, arr)
                                       for a in answers), (ex, test.name, seed)


def test_replay_forgives_last_bit_differences(pack: Path) -> None:
    """Another machine's BLAS may round a training step differently: the sketch still
    finds the recorded answer."""
    exercise = load_exercise(pack / "exercises" / "ex3_hinge.yaml", pack / "solutions")
    replay = load_reference(exercise)
    y = np.array([1.0, -1.0, 1.0, -1.0])
    s = np.array([2.0, -0.5, 0.3, 1.5])
    exact = replay.call("hinge_grad", {"y_true": y, "scores": s})
    nudged = replay.call("hinge_grad", {"y_true": y, "scores": np.nextafter(s, np.inf)})
    assert exact.ok and nudged.ok
    assert np.array_equal(exact.value, nudged.value)
    far = replay.call("hinge_grad", {"y_true": y, "scores": s + 0.25})
    assert not far.ok and "hidden tests run when your work is graded" in far.message


def test_a_release_replaces_a_previous_one_but_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    release(CATALOG, out, ["ex1"])
    (out / "stale.txt").write_text("old")
    release(CATALOG, out, ["ex2"])
    assert not (out / "stale.txt").exists()
    assert [p.name for p in (out / "exercises").iterdir()] == ["ex2_bce.yaml"]
    other = tmp_path / "notes"
    other.mkdir()
    (other / "thesis.tex").write_text("precious")
    with pytest.raises(UsageError, match="not empty and not a previous release pack"):
        release(CATALOG, other, ["ex1"])
    assert (other / "thesis.tex").read_text() == "precious"
    with pytest.raises(UsageError, match="inside the instructor's pack"):
        release(CATALOG, REPO / "exercises" / "pack", ["ex1"])


def test_a_pack_cannot_be_released_again(pack: Path, tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="itself a release"):
        release(Catalog(Pack(pack / "exercises", pack / "solutions")), tmp_path / "again",
                ["ex1"])
    assert not (tmp_path / "again").exists()


def test_unreadable_answers_are_a_spec_error(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    release(CATALOG, out, ["ex1"])
    exercise = load_exercise(out / "exercises" / "ex1_mse.yaml", out / "solutions")
    answers_path(exercise).write_text("{not json")
    with pytest.raises(SpecError, match="unreadable recorded answers"):
        load_reference(exercise)


def test_release_cli(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "lossdrill", "release", str(tmp_path / "p"),
                          "--exercises", "ex1,ex2"], capture_output=True, text=True,
                         timeout=120, check=False, env={**os.environ})
    assert run.returncode == 0, run.stderr
    assert "ex1 mse: 8 visible tests" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "lossdrill", "release", str(tmp_path / "q"),
                          "--exercises", "ex1,nope"], capture_output=True, text=True,
                         timeout=120, check=False)
    assert bad.returncode == 2 and "--exercises: unknown exercise 'nope'" in bad.stderr
    assert not (tmp_path / "q").exists()
