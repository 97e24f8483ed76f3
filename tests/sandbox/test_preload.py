"""`check` sends the load request as soon as its learner process starts (LearnerProcess.preload),
so the file is confined and imported on the other core while the grader loads the exercise;
`load` then collects the answer — or, asked on other terms, starts afresh on those."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lossdrill.sandbox.process import LearnerProcess


def learner(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "learner.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "answer.txt").write_text("42", encoding="utf-8")
    return folder


READS_SECRET = """
    print("imported")

    def peek(path):
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            return "unreadable"
    """


def test_a_load_sent_ahead_is_collected_with_what_the_import_printed(
        tmp_path: Path, secret: Path) -> None:
    path = learner(tmp_path, READS_SECRET)
    with LearnerProcess(timeout=10) as proc:
        proc.preload(path, [secret])
        loaded = proc.load(path, [secret])
        assert loaded.ok, loaded
        assert "imported" in loaded.output
        confined = any("Landlock" in p for p in loaded.protections)
        peeked = proc.call("peek", {"path": str(secret / "answer.txt")}).value
        assert peeked == ("unreadable" if confined else "42")


def test_a_load_on_other_terms_starts_afresh_on_those(tmp_path: Path, secret: Path) -> None:
    path = learner(tmp_path, READS_SECRET)
    with LearnerProcess(timeout=10) as proc:
        proc.preload(path, [])  # sent ahead with nothing denied
        first = proc._proc.pid if proc._proc else None
        loaded = proc.load(path, [secret])  # grading asks for the pack to be denied
        assert loaded.ok, loaded
        assert proc._proc is not None and proc._proc.pid != first
        confined = any("Landlock" in p for p in loaded.protections)
        peeked = proc.call("peek", {"path": str(secret / "answer.txt")}).value
        assert peeked == ("unreadable" if confined else "42")


def test_a_file_that_ends_its_process_at_import_is_told_so(tmp_path: Path) -> None:
    path = learner(tmp_path, """
        import os
        os._exit(0)
        """)
    with LearnerProcess(timeout=10) as proc:
        proc.preload(path, [])
        loaded = proc.load(path, [])
    assert not loaded.ok
    assert loaded.kind == "exit", loaded


def test_a_stopped_process_is_dead_and_close_still_reaps_it(tmp_path: Path) -> None:
    path = learner(tmp_path, "def f():\n    return 1\n")
    proc = LearnerProcess(timeout=10).start()
    assert proc.load(path, []).ok
    proc.stop()
    assert proc._proc is not None and proc._proc.wait(timeout=5) is not None
    folder = Path(proc._tmp)
    proc.close()
    assert not proc.alive and not folder.exists()
