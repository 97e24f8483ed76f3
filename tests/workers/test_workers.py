"""Grader children and what they say: the typed request and answer round-trip through the one
codec (a result as grading.results gives it, as the class cache keeps it), an answer counts
only with its request's token, every failure is classified once, and a child answers a
request it cannot grade with the failure instead of dying."""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from pathlib import Path

import pytest

from lossdrill.errors import LossdrillError, SpecError, UsageError
from lossdrill.grading import results
from lossdrill.grading.results import Diagnosis, plain, result_to_data
from lossdrill.service.grade import Options, grade
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.workers.checks import CheckChild, check_request, graded
from lossdrill.workers.messages import (
    Answer,
    Failure,
    GradeRequest,
    Trouble,
    classify,
    decode_request,
    encode_answer,
    encode_request,
    find_answer,
    read_answer,
)

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
PACK = find_pack(None)
EX1 = Catalog(PACK).get("ex1")


def test_a_request_travels_as_it_was_sent() -> None:
    request = GradeRequest(file="/a/ex1.py", exercise="ex1", exercises="/p/exercises",
                           solutions="/p/solutions", label="ann/ex1.py", seed=7, timeout=2.5,
                           memory=1 << 29, deny=("/class", "/cache"), plot=True, key="k",
                           budget=40.0)
    token = secrets.token_hex(16)
    assert decode_request(encode_request(token, request)) == (token, request)


def test_an_answer_carries_the_result_as_the_cache_keeps_it() -> None:
    result = grade(EX1, LEARNERS / "ex1" / "mistake_extra-half.py",
                   Options(seed=1, plot=True)).result
    result.tests[0].message = "lone \udcff surrogate"  # a name's byte that is not UTF-8
    token = "ab" * 16
    line = encode_answer(token, result=result)
    assert line.isascii() and line.count(b"\n") == 1
    answer = read_answer(token, line.rstrip(b"\n"))
    assert answer is not None and answer.failure is None
    assert answer.result == json.loads(json.dumps(result_to_data(result), default=plain))
    assert answer.check_result() == result


def test_only_a_complete_line_with_the_token_is_an_answer() -> None:
    token, other = "cd" * 16, "ef" * 16
    failure = Failure(Trouble.SPEC, "exercises/ex1.yaml: broken")
    assert read_answer(token, encode_answer(other, failure=failure).rstrip()) is None
    assert find_answer(token, encode_answer(token, failure=failure)[:-1]) is None  # cut short
    found = find_answer(token, b"noise\n" + encode_answer(token, failure=failure))
    assert found == Answer(failure=failure)
    garbled = read_answer(token, token.encode() + b" {not json")
    assert garbled is not None and garbled.failure == Failure(
        Trouble.GRADER, "the grader process sent an unreadable answer")


def test_an_answer_that_cannot_be_written_is_a_failure_of_the_grader() -> None:
    broken = results.TestResult("t", "value", "visible", "passed", 1.0, 1.0,
                                details={"x": object()})
    result = grade(EX1, LEARNERS / "ex1" / "mse_vectorised.py", Options(seed=1)).result
    result.tests = [broken]
    answer = read_answer("00" * 16, encode_answer("00" * 16, result=result).rstrip())
    assert answer is not None and answer.failure is not None
    assert answer.failure.trouble is Trouble.GRADER
    assert answer.failure.message.startswith("unreadable result (")


@pytest.mark.parametrize(("exc", "trouble", "message"), [
    (SpecError("ex1.yaml: tests[0]: broken"), Trouble.SPEC, "ex1.yaml: tests[0]: broken"),
    (UsageError("nb.ipynb: not UTF-8"), Trouble.LEARNER, "nb.ipynb: not UTF-8"),
    (KeyError("x"), Trouble.GRADER, "KeyError: 'x'"),
    (LossdrillError("odd"), Trouble.GRADER, "LossdrillError: odd"),
])
def test_failures_are_classified_once(exc: Exception, trouble: Trouble, message: str) -> None:
    assert classify(exc) == Failure(trouble, message)


def test_the_front_ends_word_a_failure_as_before() -> None:
    with pytest.raises(UsageError, match=r"^the check failed inside lossdrill \(KeyError: 'x'\)"
                                         r"; please report it$"):
        graded(Answer(failure=Failure(Trouble.GRADER, "KeyError: 'x'")))
    with pytest.raises(UsageError, match="^unknown exercise 'ex99'"):
        graded(Answer(failure=Failure(Trouble.LEARNER, "unknown exercise 'ex99'")))
    diagnosis = Diagnosis("extra-half", "Drop the ½.")
    assert diagnosis == Diagnosis(**json.loads(json.dumps(diagnosis, default=plain)))


def test_a_child_answers_what_it_cannot_grade(tmp_path: Path) -> None:
    child = CheckChild(1 << 30)
    try:
        request = check_request(PACK, LEARNERS / "ex1" / "mse_vectorised.py", "ex1",
                                memory=1 << 30)
        child.send(replace(request, exercise="ex99"))
        answer = child.wait(60)
    finally:
        child.close()
    assert answer.failure is not None and answer.failure.trouble is Trouble.LEARNER
    assert "unknown exercise 'ex99'" in answer.failure.message
    assert child.proc.returncode == 0  # it answered and ended, it did not crash


def test_a_child_refuses_a_pipe_put_in_the_files_place(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "ex1.py"
    os.mkfifo(fifo)
    child = CheckChild(1 << 30)
    try:
        child.send(check_request(PACK, fifo, "ex1", memory=1 << 30, timeout=2))
        answer = child.wait(60)
    finally:
        child.close()
    assert answer.failure is not None and answer.failure.trouble is Trouble.LEARNER
    assert "not a file" in answer.failure.message
