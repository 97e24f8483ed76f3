"""Spec loading: the built-in pack loads, and every invalid spec is refused with ONE line
that names the file, the key path and what was expected (DESIGN.md: exit code 2, never a
traceback). Invalid specs are written to a pack in tmp_path (exercises/ + solutions/).
"""

from __future__ import annotations

import copy
import dataclasses
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from lossdrill.errors import SpecError
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.load import load_exercise
from lossdrill.spec.model import Exercise, GradientTest, ValueTest

REPO = Path(__file__).resolve().parents[2]


# -- the built-in pack --------------------------------------------------------------------------


@pytest.fixture
def builtin(monkeypatch: pytest.MonkeyPatch) -> Catalog:
    monkeypatch.delenv("LOSSDRILL_EXERCISES", raising=False)
    return Catalog(find_pack())


def test_the_builtin_specs_load(builtin: Catalog) -> None:
    exercises = builtin.all()
    assert [e.id for e in exercises][:3] == ["ex1", "ex2", "ex3"]
    assert [e.slug for e in exercises][:3] == ["mse", "bce", "hinge"]
    for ex in exercises:
        assert ex.path.is_file()
        assert ex.solution_path.is_file(), f"{ex.id}: no reference at {ex.solution_path}"
        assert ex.solution_path.stem == ex.path.stem
        assert ex.title and ex.statement and ex.hints and ex.tests
        assert ex.max_score == sum(t.points for t in ex.tests) > 0
        assert len({m.id for m in ex.mistakes}) == len(ex.mistakes)


def test_every_builtin_spec_file_loads_on_its_own() -> None:
    paths = sorted((REPO / "exercises").glob("*.yaml"))
    assert len(paths) >= 3
    for path in paths:
        ex = load_exercise(path)
        assert path.stem == f"{ex.id}_{ex.slug}"


def test_exercises_are_found_by_id_slug_and_both(builtin: Catalog) -> None:
    for name in ("ex2", "bce", "ex2_bce", "EX2", "ex2.py", "ex2_bce.yaml"):
        assert builtin.get(name).id == "ex2"


def test_loaded_exercises_are_immutable(builtin: Catalog) -> None:
    ex = builtin.get("ex1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ex.title = "changed"  # type: ignore[misc]
    with pytest.raises((TypeError, AttributeError)):
        ex.tests[0] = ex.tests[1]  # type: ignore[index]


# -- a small valid spec, and mutations of it --------------------------------------------------


def valid_spec() -> dict[str, Any]:
    """A complete, valid spec for an ex2; the 4th test (tests[3]) is a hidden value test."""
    return {
        "format_version": 1,
        "id": "ex2",
        "slug": "bce",
        "title": "Binary cross-entropy",
        "difficulty": 2,
        "topics": ["classification", "losses"],
        "statement": "Implement **BCE**.",
        "functions": [
            {"name": "bce", "signature": "bce(y_true, p_pred) -> float", "summary": "the loss"},
            {"name": "bce_grad", "signature": "bce_grad(y_true, p_pred) -> ndarray"},
        ],
        "tolerance": {"rtol": 1.0e-9, "atol": 1.0e-12},
        "hints": ["Use np.log.", "Clip first."],
        "tests": [
            {"name": "worked example", "kind": "value", "function": "bce",
             "args": {"y_true": [1.0, 0.0], "p_pred": [0.9, 0.2]}},
            {"name": "mismatched shapes", "kind": "raises", "function": "bce",
             "exception": "ValueError", "args": {"y_true": [1.0], "p_pred": [0.5, 0.5]}},
            {"name": "gradient", "kind": "gradient", "function": "bce_grad", "loss": "bce",
             "wrt": "p_pred", "args": {"y_true": [1.0, 0.0], "p_pred": [0.3, 0.6]}},
            {"name": "random labels", "kind": "value", "visibility": "hidden", "function": "bce",
             "args": {"y_true": {"generate": "labels", "shape": [10], "values": [0, 1]},
                      "p_pred": {"generate": "probabilities", "shape": [10]}}},
            {"name": "integer labels", "kind": "value", "function": "bce",
             "args": {"y_true": {"value": [1, 0], "dtype": "int64"}, "p_pred": [0.3, 0.4]}},
            {"name": "train", "kind": "task", "task": "logistic", "functions": ["bce", "bce_grad"],
             "points": 3},
        ],
        "mistakes": [
            {"id": "no-clipping", "message": "Clip the probabilities."},
            {"id": "log-base-2", "message": "Use the natural logarithm."},
        ],
    }


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "solutions").mkdir()
    return tmp_path


def write_spec(pack: Path, spec: Any, name: str = "ex2.yaml") -> Path:
    path = pack / "exercises" / name
    text = spec if isinstance(spec, str) else yaml.safe_dump(spec, sort_keys=False,
                                                              allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def spec_error(pack: Path, spec: Any) -> str:
    """Load the spec, which must fail; check the one-line rule and return the message."""
    path = write_spec(pack, spec)
    with pytest.raises(SpecError) as info:
        load_exercise(path)
    message = str(info.value)
    assert "\n" not in message, f"not one line: {message!r}"
    assert message.startswith(f"{path}:"), f"does not start with the file: {message!r}"
    return message


def mutated(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    spec = copy.deepcopy(valid_spec())
    change(spec)
    return spec


def test_the_valid_spec_loads(pack: Path) -> None:
    path = write_spec(pack, valid_spec())
    ex = load_exercise(path)
    assert isinstance(ex, Exercise)
    assert (ex.id, ex.slug, ex.function_names) == ("ex2", "bce", ("bce", "bce_grad"))
    assert ex.solution_path == pack / "solutions" / "ex2.py"
    assert isinstance(ex.tests[2], GradientTest) and isinstance(ex.tests[3], ValueTest)
    assert ex.max_score == 8


def test_a_bad_nested_value_names_the_key_path_exactly(pack: Path) -> None:
    def tight(spec: dict[str, Any]) -> None:
        spec["tests"][3]["tolerance"] = {"rtol": "tight"}

    message = spec_error(pack, mutated(tight))
    assert "ex2.yaml: tests[3].tolerance.rtol: expected a number, got 'tight'" in message


INVALID: dict[str, tuple[Callable[[dict[str, Any]], Any], list[str]]] = {
    "missing-required-key": (lambda s: s.pop("title"), ["title: missing required key"]),
    "missing-tests": (lambda s: s.pop("tests"), ["tests: missing required key"]),
    "unknown-top-level-key": (lambda s: s.update(colour="red"), ["colour: unknown key"]),
    "unknown-key-in-a-test": (lambda s: s["tests"][1].update(colour="red"),
                              ["tests[1].colour: unknown key"]),
    "unknown-key-in-a-generator": (lambda s: s["tests"][3]["args"]["p_pred"].update(sd=2),
                                   ["tests[3].args.p_pred", "sd"]),
    "bad-difficulty": (lambda s: s.update(difficulty="hard"),
                       ["difficulty: expected an integer, got 'hard'"]),
    "difficulty-out-of-range": (lambda s: s.update(difficulty=9), ["difficulty:", "5", "9"]),
    "bad-format-version": (lambda s: s.update(format_version=2), ["format_version:", "1", "2"]),
    "bad-id": (lambda s: s.update(id="exercise2"), ["id:", "'exercise2'"]),
    "tests-not-a-list": (lambda s: s.update(tests="none"), ["tests: expected a list"]),
    "no-hints": (lambda s: s.update(hints=[]), ["hints:", "at least 1"]),
    "bad-visibility": (lambda s: s["tests"][0].update(visibility="secret"),
                       ["tests[0].visibility:", "'visible'", "'hidden'", "'secret'"]),
    "bad-test-kind": (lambda s: s["tests"][2].update(kind="valeu"),
                      ["tests[2]", "kind", "'value'", "'raises'", "'gradient'", "'task'"]),
    "test-without-kind": (lambda s: s["tests"][2].pop("kind"),
                          ["tests[2]", "missing required key 'kind'"]),
    "undefined-function": (lambda s: s["tests"][1].update(function="cross_entropy"),
                           ["tests[1].function: 'cross_entropy' is not one of the exercise's "
                            "functions (bce, bce_grad)"]),
    "undefined-loss-of-a-gradient": (lambda s: s["tests"][2].update(loss="log_loss"),
                                     ["tests[2].loss: 'log_loss'", "bce, bce_grad"]),
    "undefined-function-of-a-task": (lambda s: s["tests"][5].update(functions=["bce", "sgd"]),
                                     ["tests[5].functions: 'sgd'"]),
    "gradient-wrt-not-an-arg": (lambda s: s["tests"][2].update(wrt="logits"),
                                ["tests[2].wrt: 'logits' is not one of the test's args",
                                 "y_true", "p_pred"]),
    "duplicate-mistake-id": (lambda s: s["mistakes"].append({"id": "no-clipping",
                                                             "message": "again"}),
                             ["mistakes[2].id: 'no-clipping' is listed twice"]),
    "bad-mistake-id": (lambda s: s["mistakes"][0].update(id="No Clipping"),
                       ["mistakes[0].id:", "'No Clipping'"]),
    "bad-generator-name": (lambda s: s["tests"][3]["args"]["p_pred"].update(generate="gaussian"),
                           ["tests[3].args.p_pred.generate: expected 'normal'",
                            "'probabilities'", "got 'gaussian'"]),
    "empty-shape": (lambda s: s["tests"][3]["args"]["p_pred"].update(shape=[]),
                    ["tests[3].args.p_pred.shape:", "at least 1"]),
    "zero-in-shape": (lambda s: s["tests"][3]["args"]["y_true"].update(shape=[10, 0]),
                      ["tests[3].args.y_true.shape:", "at least 1"]),
    "negative-tolerance": (lambda s: s.update(tolerance={"rtol": -1.0}),
                           ["tolerance.rtol:", "0"]),
    "negative-points": (lambda s: s["tests"][0].update(points=-1), ["tests[0].points:"]),
    "args-not-a-mapping": (lambda s: s["tests"][0].update(args=[1.0, 2.0]),
                           ["tests[0].args: expected a mapping"]),
}


@pytest.mark.parametrize(("change", "expected"), list(INVALID.values()), ids=list(INVALID))
def test_an_invalid_spec_gives_one_line_with_the_file_and_the_key(
    pack: Path, change: Callable[[dict[str, Any]], Any], expected: list[str]
) -> None:
    message = spec_error(pack, mutated(change))
    assert "ex2.yaml: " in message
    for fragment in expected:
        assert fragment in message


def test_a_bad_test_kind_names_the_kind_key_and_the_value_written(pack: Path) -> None:
    message = spec_error(pack, mutated(lambda s: s["tests"][2].update(kind="valeu")))
    assert "tests[2].kind:" in message
    assert "'valeu'" in message


def test_a_bad_literal_dtype_names_the_dtype_key(pack: Path) -> None:
    message = spec_error(
        pack, mutated(lambda s: s["tests"][4]["args"]["y_true"].update(dtype="complex128"))
    )
    assert "tests[4].args.y_true.dtype:" in message
    assert "'complex128'" in message


def test_a_duplicate_test_name_is_refused(pack: Path) -> None:
    def duplicate(spec: dict[str, Any]) -> None:
        spec["tests"][4]["name"] = spec["tests"][0]["name"]

    message = spec_error(pack, mutated(duplicate))
    assert "tests[4].name:" in message and "'worked example'" in message


def test_a_duplicate_yaml_key_is_refused(pack: Path) -> None:
    text = yaml.safe_dump(valid_spec(), sort_keys=False) + "title: Another title\n"
    message = spec_error(pack, text)
    assert "title" in message and re.search(r"ex2\.yaml:\d+", message)


# -- YAML and the top level ---------------------------------------------------------------------


def test_invalid_yaml_gives_line_and_column(pack: Path) -> None:
    text = "format_version: 1\nid: ex2\nslug: bce\ntitle: Binary: cross-entropy\n"
    message = spec_error(pack, text)
    match = re.search(r"ex2\.yaml:(\d+):(\d+): invalid YAML: ", message)
    assert match, message
    # The second colon of "title: Binary: cross-entropy" is at line 4, column 14 (1-based).
    assert (int(match.group(1)), int(match.group(2))) == (4, 14)
    assert "fix" in message


def test_an_unclosed_bracket_is_located(pack: Path) -> None:
    text = yaml.safe_dump(valid_spec(), sort_keys=False).replace(
        "- classification", "- [classification"
    )
    message = spec_error(pack, text)
    assert re.search(r"ex2\.yaml:\d+:\d+: invalid YAML: ", message), message


def test_a_tab_in_the_indentation_is_located(pack: Path) -> None:
    message = spec_error(pack, "format_version: 1\nid: ex2\n\tslug: bce\n")
    assert re.search(r"ex2\.yaml:3:\d+: invalid YAML: ", message), message


@pytest.mark.parametrize(
    "text", ["- id: ex2\n- slug: bce\n", "just a sentence\n", "", "42\n", "null\n"],
    ids=["list", "string", "empty", "number", "null"],
)
def test_a_top_level_that_is_not_a_mapping(pack: Path, text: str) -> None:
    message = spec_error(pack, text)
    assert "expected a mapping" in message and "top level" in message


def test_a_spec_that_cannot_be_read(pack: Path) -> None:
    missing = pack / "exercises" / "ex9.yaml"
    with pytest.raises(SpecError) as info:
        load_exercise(missing)
    assert str(info.value).startswith(f"{missing}: ")
    assert "\n" not in str(info.value)


def test_text_per_language_needs_english(pack: Path) -> None:
    message = spec_error(pack, mutated(lambda s: s.update(title={"zh": "二元交叉熵"})))
    assert "title:" in message and "'en'" in message
    ex = load_exercise(write_spec(pack, mutated(
        lambda s: s.update(title={"en": "Binary cross-entropy", "zh": "二元交叉熵"}))))
    assert ex.title == "Binary cross-entropy"
    assert ex.text("title", "zh") == "二元交叉熵"


# -- through the command line: exit code 2 and one line, never a traceback --------------------


def run_lossdrill(*args: str, cwd: Path, env: dict[str, str] | None = None
                  ) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "LOSSDRILL_EXERCISES"}
    return subprocess.run([sys.executable, "-m", "lossdrill", *args], cwd=cwd,
                          env={**clean, **(env or {})}, capture_output=True, text=True,
                          timeout=60)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("lossdrill: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_an_invalid_spec_through_the_cli(pack: Path) -> None:
    def tight(spec: dict[str, Any]) -> None:
        spec["tests"][3]["tolerance"] = {"rtol": "tight"}

    write_spec(pack, mutated(tight))
    result = run_lossdrill("list", "--pack", str(pack), cwd=pack)
    assert_one_line_error(result, "ex2.yaml: tests[3].tolerance.rtol: expected a number, "
                                  "got 'tight'")


def test_invalid_yaml_through_the_cli_and_the_environment(pack: Path) -> None:
    write_spec(pack, "format_version: 1\nid: ex2\nslug: [bce\n")
    result = run_lossdrill("show", "ex2", cwd=pack, env={"LOSSDRILL_EXERCISES": str(pack)})
    assert_one_line_error(result, "ex2.yaml:", "invalid YAML")
    result = run_lossdrill("list", "--json", "--pack", str(pack), cwd=pack)
    assert_one_line_error(result, "ex2.yaml:", "invalid YAML")


def test_a_missing_pack_through_the_cli(tmp_path: Path) -> None:
    result = run_lossdrill("list", "--pack", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert_one_line_error(result, "nowhere")


def test_an_empty_pack_through_the_cli(pack: Path) -> None:
    result = run_lossdrill("list", "--pack", str(pack), cwd=pack)
    assert_one_line_error(result, "no exercise specs")


def test_a_chinese_paragraph_broken_over_lines_reads_without_a_gap() -> None:
    """A line break between two Chinese characters is not a space (a renderer would show one:
    "从大 到极小"); breaks before a formula's indented line, and English text, are kept."""
    from lossdrill.spec.text import split_languages

    found: dict[str, dict[str, str]] = {}
    statement = {"en": "Mean of the\nsquares.",
                 "zh": "对所有元素，目标值 y 与预测值 ŷ\n之差的平方从大\n到极小。"
                       "\n\n    MSE = (1/N) Σ\n其中"}
    assert split_languages({"statement": statement}, "", found) == {
        "statement": "Mean of the\nsquares."}
    assert found["zh"]["statement"] == (
        "对所有元素，目标值 y 与预测值 ŷ\n之差的平方从大到极小。\n\n    MSE = (1/N) Σ\n其中")


def test_no_builtin_chinese_text_breaks_a_line_between_two_characters(
        builtin: Catalog) -> None:
    joined = re.compile("[\u4e00-\u9fff，。：；、]\n[\u4e00-\u9fff，。：；、]")
    for ex in builtin.all():
        for path, text in ex.translations.get("zh", {}).items():
            assert not joined.search(text), (ex.id, path)
