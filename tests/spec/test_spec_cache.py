"""Validated specs are cached by content (spec_cache.py): a check loads its exercise without
YAML or pydantic, an edited spec is validated again, and a damaged or forged entry is a miss,
never code run by the grader."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lossdrill.errors import SpecError
from lossdrill.spec import cache as spec_cache
from lossdrill.spec.load import load_exercise
from lossdrill.spec.parse import parse_exercise

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "exercises" / "ex3_hinge.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LOSSDRILL_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "specs"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    (tmp_path / "pack" / "exercises").mkdir(parents=True)
    shutil.copy(SPEC, tmp_path / "pack" / "exercises" / SPEC.name)
    return tmp_path / "pack" / "exercises" / SPEC.name


def validated(path: Path) -> object:
    return parse_exercise(path.read_bytes(), path, path.parent.parent / "solutions" /
                          f"{path.stem}.py")


def test_a_cached_spec_is_the_validated_one(cache: Path) -> None:
    first = load_exercise(SPEC)
    assert len(list(cache.iterdir())) == 1
    again = load_exercise(SPEC)
    assert again == first == validated(SPEC)
    assert again is not first  # read back from the entry, not remembered in memory


def test_a_check_process_loads_a_cached_spec_without_yaml_or_pydantic(cache: Path) -> None:
    code = ("import sys; from pathlib import Path; from lossdrill.spec.load import load_exercise; "
            f"ex = load_exercise(Path({str(SPEC)!r})); "
            "print(json.dumps([ex.title, len(ex.tests), 'yaml' in sys.modules, "
            "'pydantic' in sys.modules]))")
    runs = [json.loads(subprocess.run([sys.executable, "-c", f"import json; {code}"],
                                      capture_output=True, text=True, check=True,
                                      env=os.environ.copy()).stdout) for _ in range(2)]
    expected = load_exercise(SPEC)
    assert runs[0][:2] == runs[1][:2] == [expected.title, len(expected.tests)]
    assert runs[0][2:] == [True, True]  # first: validated
    assert runs[1][2:] == [False, False]  # then: from the cache


def test_an_edited_spec_is_validated_again(cache: Path, pack: Path) -> None:
    assert load_exercise(pack).title == "Hinge loss and its subgradient"
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace('en: "Hinge loss and its subgradient"',
                                 'en: "Hinge loss, edited"'), encoding="utf-8")
    assert load_exercise(pack).title == "Hinge loss, edited"
    pack.write_text(pack.read_text(encoding="utf-8").replace("difficulty: ", "difficulty: x"),
                    encoding="utf-8")
    with pytest.raises(SpecError, match="difficulty"):
        load_exercise(pack)


def test_the_same_text_elsewhere_is_its_own_entry(cache: Path, pack: Path) -> None:
    assert load_exercise(pack).path == pack
    assert load_exercise(SPEC).path == SPEC
    assert len(list(cache.iterdir())) == 2


def only_entry(cache: Path) -> Path:
    (entry,) = cache.iterdir()
    return entry


def test_a_damaged_entry_is_validated_again_and_replaced(cache: Path) -> None:
    expected = load_exercise(SPEC)
    entry = only_entry(cache)
    entry.write_bytes(entry.read_bytes()[:50])
    assert load_exercise(SPEC) == expected
    assert pickle.loads(entry.read_bytes()) == expected


class _Payload:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch forged-entry-ran",))


def test_a_forged_entry_runs_nothing(cache: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    expected = load_exercise(SPEC)
    only_entry(cache).write_bytes(pickle.dumps(_Payload()))
    assert load_exercise(SPEC) == expected
    assert not (tmp_path / "forged-entry-ran").exists()
    # Nor does an entry that holds something other than an exercise count.
    only_entry(cache).write_bytes(pickle.dumps(dataclasses.replace(expected).tests[0]))
    assert load_exercise(SPEC) == expected


def test_an_unwritable_cache_only_costs_time(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("LOSSDRILL_CACHE", str(blocker))
    assert load_exercise(SPEC) == validated(SPEC)


def test_the_key_covers_the_text_the_place_and_the_reference() -> None:
    base = spec_cache.key(b"text", Path("a/ex1.yaml"), Path("s/ex1.py"))
    assert base == spec_cache.key(b"text", Path("a/ex1.yaml"), Path("s/ex1.py"))
    assert base != spec_cache.key(b"text!", Path("a/ex1.yaml"), Path("s/ex1.py"))
    assert base != spec_cache.key(b"text", Path("b/ex1.yaml"), Path("s/ex1.py"))
    assert base != spec_cache.key(b"text", Path("a/ex1.yaml"), Path("t/ex1.py"))
