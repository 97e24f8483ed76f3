"""Statuses and kinds are enums whose members are their text: every value the code produces
is a member (the sandbox's failure kinds included, which it writes as plain strings), and a
member serialises, formats and compares exactly as the plain string did, so every output is
byte for byte what it was."""

from __future__ import annotations

import ast
import json
import pickle
import typing
from pathlib import Path

import pytest

from lossdrill.grading.observation import FATAL, FailureKind
from lossdrill.grading.results import (
    CheckResult,
    CheckStatus,
    Diagnosis,
    TestResult,
    TestStatus,
    result_from_data,
    result_to_data,
)
from lossdrill.sandbox.process import _LEARNER_KINDS
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.model import TEST_KINDS, Test, TestKind, Visibility

PACKAGE = Path(__file__).resolve().parents[2] / "lossdrill"


def _kinds_written(path: Path) -> set[str]:
    """The failure kinds a module writes: ``kind="…"`` arguments and ``"kind": "…"`` entries."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "kind" and isinstance(
                node.value, ast.Constant) and isinstance(node.value.value, str):
            found.add(node.value.value)
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if (isinstance(key, ast.Constant) and key.value == "kind"
                        and isinstance(value, ast.Constant) and isinstance(value.value, str)):
                    found.add(value.value)
    return found


def test_every_failure_kind_the_sandbox_writes_is_a_failure_kind() -> None:
    written = set().union(*(_kinds_written(p) for p in (PACKAGE / "sandbox").glob("*.py")))
    assert {"timeout", "died", "exit", "protocol", "syntax", "missing"} <= written  # the scan works
    assert written - {kind.value for kind in FailureKind} == set()
    assert set(_LEARNER_KINDS) - {kind.value for kind in FailureKind} == set()
    # What only the grader may say is no kind the learner process can claim.
    assert not _LEARNER_KINDS & {FailureKind.TIMEOUT, FailureKind.DIED, FailureKind.PROTOCOL,
                                 FailureKind.GAVE_UP}
    assert all(isinstance(kind, FailureKind) for kind in FATAL)


def test_the_engine_writes_no_kind_or_status_as_a_bare_string() -> None:
    for path in (PACKAGE / "grading").rglob("*.py"):
        assert not _kinds_written(path), path


def test_every_test_of_the_pack_has_an_enum_kind_and_visibility() -> None:
    tests = [t for ex in Catalog(find_pack(None)).all() for t in ex.tests]
    assert {t.kind for t in tests} == set(TestKind)  # the pack uses every kind
    assert all(type(t.kind) is TestKind and type(t.visibility) is Visibility for t in tests)
    assert TEST_KINDS == ("value", "raises", "gradient", "property", "task")
    assert len(typing.get_args(Test)) == len(TestKind)  # one test class per kind


def _result(**changes: object) -> CheckResult:
    test = TestResult("t", TestKind.VALUE, Visibility.HIDDEN, TestStatus.FAILED, 0.0, 1.0, "m")
    fields: dict[str, typing.Any] = dict(
        exercise="ex1", slug="mse", title="MSE", file="ex1.py", status=CheckStatus.FAILED,
        score=0.0, max_score=1.0, seed=1, tests=[test], diagnoses=[Diagnosis("d", "m")],
        learner_output="", duration_s=0.0)
    return CheckResult(**{**fields, **changes})


def test_a_member_is_its_text_in_every_output() -> None:
    status = TestStatus.FAILED
    assert status == "failed" and hash(status) == hash("failed")
    assert (str(status), f"{status}", f"{status:>7}", "{}".format(status)) == (  # noqa: UP032
        "failed", "failed", " failed", "failed")
    assert json.dumps({"status": status, "kind": TestKind.VALUE}) == (
        '{"status": "failed", "kind": "value"}')
    assert pickle.loads(pickle.dumps(status)) is status
    doc = _result().to_dict("0.1.0")
    assert json.dumps(doc) == json.dumps(json.loads(json.dumps(doc)))
    assert doc["tests"][0]["visibility"] == "hidden" and doc["status"] == "failed"


def test_results_read_back_hold_the_enums() -> None:
    data = json.loads(json.dumps(result_to_data(_result())))
    back = result_from_data(data)
    assert back == _result()
    assert type(back.status) is CheckStatus and type(back.tests[0].status) is TestStatus
    assert type(back.tests[0].kind) is TestKind and back.tests[0].hidden
    # A status the vocabulary does not have is bad data, as a missing key is.
    data["tests"][0]["status"] = "maybe"
    with pytest.raises(ValueError):
        result_from_data(data)


def test_a_classroom_result_may_be_missing() -> None:
    assert _result(status="missing").status is CheckStatus.MISSING
