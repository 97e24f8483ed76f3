"""The grading service: one module outside the sandbox creates learner processes; the launcher
hands out the ready one or starts another, and closes what it stopped; the session restarts a
process that died, gives up on a function that timed out, and words what the sandbox reports
as data — in English and in Chinese, with the templates the sandbox once used."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lossdrill.grading.diagnosis.failures import event_message, worded
from lossdrill.i18n import set_language
from lossdrill.i18n.zh import CATALOG
from lossdrill.sandbox.process import EVENTS, Outcome
from lossdrill.service.grade import Options, grade
from lossdrill.service.launcher import Launcher, Terms
from lossdrill.service.session import MAX_RESTARTS, LearnerSession
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "lossdrill"
LEARNERS = REPO / "tests" / "learners"


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language(None)


def learner(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "learner.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _creators(name: str) -> dict[str, int]:
    """Modules of the package (outside the sandbox) that call ``name(...)``, and how often."""
    found: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "sandbox" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else (
                    func.attr if isinstance(func, ast.Attribute) else "")
                if called == name:
                    key = str(path.relative_to(REPO))
                    found[key] = found.get(key, 0) + 1
    return found


def test_one_module_outside_the_sandbox_creates_learner_processes() -> None:
    assert _creators("LearnerProcess") == {"lossdrill/service/launcher.py": 1}
    assert _creators("ForkServer") == {"lossdrill/service/launcher.py": 1}


def test_every_child_starts_from_the_one_bootstrap() -> None:
    """Learner processes, fork servers and grader children: one command line, in spawn.py."""
    holders = [str(p.relative_to(REPO)) for p in sorted(PACKAGE.rglob("*.py"))
               if "sys.argv.pop(1)" in p.read_text(encoding="utf-8")]
    assert holders == ["lossdrill/sandbox/spawn.py"]
    popens = {k: v for k, v in _creators("Popen").items()}
    assert popens == {"lossdrill/workers/child.py": 1}, popens


def test_the_sandbox_words_nothing() -> None:
    """What went wrong leaves the sandbox as an event and its facts; no `_()` is called there
    and nothing of i18n is imported."""
    for path in sorted((PACKAGE / "sandbox").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "lossdrill.i18n" not in text, path
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("_", "N_"), (path, node.lineno)


FACTS = {"not-running": {}, "timeout": {"seconds": 2.5}, "invalid": {"error": "bad bytes"},
         "killed": {"signal": "SIGKILL"}, "closed": {}, "exited": {"code": 3},
         "gave-up-after-timeout": {"function": "mse", "seconds": 10.0},
         "gave-up-after-restarts": {}}
ENGLISH = {
    "not-running": "the learner process is not running",
    "timeout": "did not finish within 2.5 s",
    "invalid": "sent an invalid result: bad bytes",
    "killed": "the learner process was killed by SIGKILL (often the memory cap)",
    "closed": "the learner process closed its channel to the grader",
    "exited": "the learner process exited (code 3) — sys.exit or os._exit",
    "gave-up-after-timeout": "not run: an earlier call to mse did not finish within 10 s",
    "gave-up-after-restarts": "not run: the learner process stopped too often (see the tests "
                              "above)",
}


def test_every_event_is_worded_in_both_languages() -> None:
    assert set(FACTS) >= EVENTS
    for event, facts in FACTS.items():
        set_language("en")
        assert event_message(event, facts) == ENGLISH[event]
        set_language("zh")
        chinese = event_message(event, facts)
        assert chinese != ENGLISH[event] and not chinese.startswith("the learner"), event
    set_language("zh")
    assert event_message("killed", {"signal": "SIGXCPU"}) == (
        CATALOG["the learner process was killed by {signal}{hint}"].format(
            signal="SIGXCPU", hint=CATALOG[" (the CPU time cap)"]))
    outcome = worded(Outcome(False, kind="timeout", event="timeout", facts={"seconds": 3.0}))
    assert outcome.message == "未能在 3 秒内完成（超时）"


def test_a_learners_own_message_is_left_as_it_is() -> None:
    outcome = Outcome(False, kind="exception", message="ValueError: mine")
    assert worded(outcome).message == "ValueError: mine"


def test_a_process_that_dies_is_restarted_and_then_given_up(tmp_path: Path) -> None:
    path = learner(tmp_path, """
        import os

        def f(x):
            return x

        def die(x):
            os._exit(7)
        """)
    with Launcher() as launcher:
        session = LearnerSession(launcher, path, Terms(timeout=5))
        loaded = session.load()
        assert loaded.ok and loaded.functions == ["die", "f"]
        assert loaded.protections[0] == "own process and session; 5 s per call and for the " \
                                        "import"
        first = session.process
        died = session.call("die", {"x": 1.0})
        assert (died.kind, died.message) == (
            "exit", "the learner process exited (code 7) — sys.exit or os._exit")
        assert session.call("f", {"x": 2.0}).value == 2.0  # in a new process
        assert session.process is not first
        for _ in range(MAX_RESTARTS - 1):
            assert session.call("die", {"x": 1.0}).kind == "exit"
            assert session.call("f", {"x": 1.0}).ok
        assert session.call("die", {"x": 1.0}).kind == "exit"
        gave_up = session.call("f", {"x": 1.0})
        assert (gave_up.kind, gave_up.message) == (
            "gave-up", "not run: the learner process stopped too often (see the tests above)")
        session.stop()
        assert session.process is None


def test_a_function_that_timed_out_is_not_called_again(tmp_path: Path) -> None:
    path = learner(tmp_path, """
        import time

        def slow(x):
            time.sleep(60)

        def f(x):
            return x
        """)
    with Launcher() as launcher:
        session = LearnerSession(launcher, path, Terms(timeout=0.5))
        assert session.load().ok
        timed_out = session.call("slow", {"x": 1.0})
        assert (timed_out.kind, timed_out.message) == ("timeout", "did not finish within 0.5 s")
        again = session.call("slow", {"x": 1.0})
        assert again.kind == "gave-up" and "earlier call to slow" in again.message
        assert session.call("f", {"x": 3.0}).value == 3.0  # restarted for the others
        session.stop()


def test_the_launcher_hands_out_the_ready_process_and_closes_what_it_stopped(
        tmp_path: Path) -> None:
    path = learner(tmp_path, "def f(x):\n    return x\n")
    launcher = Launcher()
    terms = Terms(timeout=5, memory=1 << 30)
    launcher.prepare(terms, preload=path)
    ready = launcher._ready
    assert ready is not None
    taken = launcher.take(Terms(timeout=7, memory=1 << 30))
    assert taken is ready and taken.timeout == 7
    assert taken.load(path, []).ok  # the answer to the load sent ahead
    launcher.retire(taken)
    folder = Path(taken._tmp)
    assert folder.exists()  # stopped now, closed later
    other = launcher.take(Terms(memory=512 << 20))  # nothing ready: started now
    assert other is not taken and other.memory == 512 << 20
    assert not folder.exists() and not taken.alive  # the stopped one was closed meanwhile
    launcher.prepare(terms)
    mismatched = launcher._ready
    assert launcher.take(Terms(memory=256 << 20)) is not mismatched  # other terms: a new one
    assert mismatched is not None and not mismatched.alive
    launcher.close()
    assert not other.alive


def test_grade_is_the_one_path_and_closes_what_it_started(tmp_path: Path) -> None:
    ex = Catalog(find_pack(None)).get("ex1")
    before = set(os.listdir(tmp_path))
    graded = grade(ex, LEARNERS / "ex1" / "mistake_extra-half.py",
                   Options(seed=1, plot=True, label="mine.py"))
    assert graded.exercise is ex and graded.result.status == "failed"
    assert graded.result.file == "mine.py"
    assert graded.sweep is not None and graded.sweep.differs()
    assert set(os.listdir(tmp_path)) == before


def test_a_check_with_a_bad_pack_leaves_no_learner_process_behind(tmp_path: Path) -> None:
    """`check` starts its learner process first thing; whatever fails next, it is closed."""
    work = tmp_path / "tmp"
    work.mkdir()
    run = subprocess.run([sys.executable, "-m", "lossdrill", "check",
                          str(LEARNERS / "ex1" / "mse_vectorised.py"), "--pack",
                          str(tmp_path / "nowhere")],
                         env={**os.environ, "TMPDIR": str(work)}, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2 and "no such exercise folder" in run.stderr
    assert list(work.iterdir()) == []  # the learner process's folder is gone with it


def test_check_verbose_says_the_limits_the_grader_enforced(tmp_path: Path) -> None:
    example = REPO / "examples" / "ex1_mse.py"
    for lang, expected in (("en", ("own process and session; 10 s per call and for the import",
                                   "memory cap 256 MiB (RLIMIT_AS)",
                                   "files written up to 64 MiB each (RLIMIT_FSIZE)")),
                           ("zh", ("内存上限 256 MiB（RLIMIT_AS）",))):
        run = subprocess.run([sys.executable, "-m", "lossdrill", "--lang", lang, "check",
                              str(example), "--verbose", "--seed", "1", "--memory", "256M",
                              "--timeout", "10"], capture_output=True, text=True, timeout=60,
                             cwd=tmp_path, env={**os.environ, "COLUMNS": "200"})
        assert run.returncode == 0, run.stderr
        said = "".join(run.stdout.split())  # wrapped to the terminal's width
        for line in expected:
            assert "".join(line.split()) in said, (line, run.stdout)
