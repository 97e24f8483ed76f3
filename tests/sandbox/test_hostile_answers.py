"""Verdicts that cannot be borrowed, and answers that cannot swamp the grader.

- A ``raises`` test passes only for the real exception class (the builtin or a subclass of
  it), never for a learner's class that is merely named like it.
- Whatever bytes a learner process sends as an answer — it controls its process, so it can
  bypass the protocol's encoder and write to its channel directly — the grader bounds the
  message before decoding it: its memory stays under 300 MB and the check ends in bounded
  time, with the answer refused as an invalid result.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lossdrill.sandbox.protocol import MAX_MESSAGE, MAX_VALUES
from lossdrill.service import grade as service
from lossdrill.spec.catalog import Catalog, find_pack

EX1 = Catalog(find_pack()).get("ex1")
RAISES = [t.name for t in EX1.tests if t.kind == "raises"]


def grade(tmp_path: Path, source: str):
    path = tmp_path / "ex1.py"
    path.write_text("# lossdrill: ex1\nimport numpy as np\n" + textwrap.dedent(source))
    return service.grade(EX1, path, service.Options(seed=3, timeout=5)).result


MSE = """
def mse(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise {name}("shapes differ")
    return float(np.mean((y_true - y_pred) ** 2))
"""


def test_a_learner_class_named_like_the_builtin_does_not_pass(tmp_path: Path) -> None:
    result = grade(tmp_path, "class ValueError(Exception):\n    pass\n"
                   + MSE.format(name="ValueError"))
    tests = {t.name: t for t in result.tests}
    assert RAISES
    for name in RAISES:
        assert tests[name].status == "failed", tests[name]
        assert "learner.ValueError" in tests[name].message, tests[name].message
    assert all(t.status == "passed" for t in result.tests if t.name not in RAISES)


@pytest.mark.parametrize("base", ["ValueError", "ArithmeticError, ValueError"])
def test_a_subclass_of_the_builtin_passes(tmp_path: Path, base: str) -> None:
    result = grade(tmp_path, f"class ShapeError({base}):\n    pass\n"
                   + MSE.format(name="ShapeError"))
    assert result.passed, [(t.name, t.message) for t in result.tests if t.status != "passed"]


# -- answers forged below the protocol ------------------------------------------------------------

FORGER = """
# lossdrill: ex1
import os
import struct
import sys

worker = sys.modules["lossdrill.sandbox.serve"]
real = worker.write_message


def forged(fd, message):
    if "value" not in message:  # the load's reply goes as it is; every answer is forged
        return real(fd, message)
    body = {body}
    data = memoryview(struct.pack("!I", len(body)) + body)
    while data:
        data = data[os.write(fd, data):]


worker.write_message = forged


def mse(y_true, y_pred):
    return 0.0
"""

# Each a body of at most MAX_MESSAGE bytes that json.loads would turn into far more memory;
# and a header that announces more than the limit (2 GiB), with nothing after it.
BODIES = {
    "a million empty lists": "b'{\"ok\":true,\"value\":[' + b'[],' * 1_300_000 + b'[]]}'",
    "a million empty objects":
        "b'{\"ok\":true,\"value\":[' + b'{},' * 1_300_000 + b'{}]}'",
    "a dict of 300,000 keys": "b'{\"ok\":true,\"value\":{\"$dict\":{' + b','.join("
                              "b'\"%d\":0' % i for i in range(300_000)) + b'}}}'",
    "nested four million deep": "b'[' * (4 << 20)",
    "just under the value cap": "b'{\"ok\":true,\"value\":[' + b','.join("
                                "[b'1e308'] * 131_000) + b']}'",
    "strings at the length cap": "b'{\"ok\":true,\"value\":[' + b','.join("
                                 "[b'\"' + b'x' * 9_999 + b'\"'] * 400) + b']}'",
    "an array at the size cap": "b'{\"ok\":true,\"value\":{\"$nd\":[\"uint8\",[3000000],\"'"
                                " + b'A' * 4_000_000 + b'\"]}}'",
    "a header over the limit": "b''",
}
DRIVER = """
import json, sys, time
from pathlib import Path
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.service.grade import Options, grade

def peak_mb():
    # This process's own high-water mark (VmHWM belongs to the address space exec made; the
    # rusage maxrss would carry over the size of whoever started it, here pytest's).
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024


started = time.monotonic()
result = grade(Catalog(find_pack()).get("ex1"), Path(sys.argv[1]),
               Options(seed=3, timeout=5)).result
print(json.dumps({"passed": result.passed, "score": result.score,
                  "messages": [t.message for t in result.tests],
                  "seconds": time.monotonic() - started,
                  "peak_mb": peak_mb()}))
"""


def _forger(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "ex1.py"
    path.write_text(FORGER.lstrip().format(body=body))
    return path


@pytest.mark.parametrize("case", sorted(BODIES))
def test_a_forged_answer_is_refused_within_bounded_memory_and_time(
        tmp_path: Path, case: str, lossdrill_command: list[str]) -> None:
    """In this checkout's grader, then in a wheel install's."""
    python = sys.executable if lossdrill_command[0] == sys.executable else str(
        Path(lossdrill_command[0]).with_name("python"))
    path = _forger(tmp_path, BODIES[case])
    if case == "a header over the limit":
        path.write_text(path.read_text().replace('struct.pack("!I", len(body))',
                                                 'struct.pack("!I", (2 << 30) - 1)'))
    started = time.monotonic()
    run = subprocess.run([python, "-c", DRIVER, str(path)], capture_output=True, text=True,
                         timeout=240, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    doc = json.loads(run.stdout)
    assert not doc["passed"] and doc["score"] < EX1.max_score, doc
    # Within the bounds, a list is decoded and judged; past them, refused unread.
    said = {"strings at the length cap": "returned a list",
            "just under the value cap": "returned an array of shape (131000,)"
            }.get(case, "invalid result")
    assert any(said in m for m in doc["messages"]), doc["messages"]
    assert doc["peak_mb"] < 300, doc
    print(f"{case}: peak {doc['peak_mb']:.0f} MB, {doc['seconds']:.1f} s")
    assert time.monotonic() - started < 120, doc


def test_the_bodies_are_within_the_message_limit() -> None:
    """The cases above test the decoder's own bounds, not only the size limit."""
    for case, body in BODIES.items():
        if case != "a header over the limit":
            size = len(eval(body))  # noqa: S307  (the test's own literals)
            assert size <= MAX_MESSAGE, (case, size)
    assert MAX_VALUES < 1_300_000
