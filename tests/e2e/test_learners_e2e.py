"""End to end: every learner fixture in tests/learners/ graded by the lossdrill command.

Each fixture is one test id. The grader runs as a real subprocess, exactly as a user's shell
would start it. The broken and hostile files each get a `lossdrill check FILE --json` of their
own, so these tests see what a learner sees: the exit code and the JSON document on stdout
(started together on first use, a few at a time; a test selected alone with -k only waits for
its own runs). The correct and mistake files — a few hundred — are graded as a class, in one
`lossdrill grade` run (the same grading, each file in its own confined learner process, forked
warm), and each test reads its file's entry of results.json.

Fixture layout (tests/learners/):

- exN/, for every exercise of the catalogue: correct solutions in several styles, and
  ``mistake_<id>.py`` files with exactly one classic mistake each; the grader must name
  ``<id>`` among its diagnoses (fixture_inventory.py: what each exercise must have).
- broken/: files that cannot load or return nonsense.
- hostile/: files that try to cheat, hang, exhaust memory, escape or attack the grader.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fixture_inventory
import pytest

from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
LEARNERS = Path(__file__).resolve().parents[1] / "learners"

TIMEOUT = 2.0  # --timeout given to the grader, per call (and for the import)
SEED = 7
# Wall time allowed beyond TIMEOUT for a hanging learner: grader start-up (Python, NumPy,
# the spec), one learner process start-up, and writing the report, on a loaded 2-core box.
MARGIN = 4.0
HARD_LIMIT = 90.0  # a grader run still alive after this is killed and its test fails
OUTPUT_LIMIT = 100_000  # bytes of learner_output the JSON may carry
WORKERS = max(2, min(4, os.cpu_count() or 2))

# Every exercise of the catalogue: one without fixtures fails the inventory, never passes by
# having no files to run (fixture_inventory.py says what each must have).
CATALOG = Catalog(find_pack(REPO))
EXERCISES = tuple(ex.id for ex in CATALOG.all())
# The first exercises carry the full range of styles; later ones at least two correct files.
FULL_STYLES = ("ex1", "ex2", "ex3")

SYNTAX_ERROR_LINE = 4  # broken/syntax_error.py: the `def` without its colon
CHECKOUT = [sys.executable, "-m", "lossdrill"]  # this checkout, on PYTHONPATH


@dataclass(frozen=True)
class Expect:
    """What the grader must report for a broken or hostile file.

    ``statuses``: the acceptable values of the top-level status (never "passed" unless listed).
    ``diagnoses``: at least one of these ids must be among the diagnoses (None: not checked).
    ``timed``: the learner hangs; the whole check must end within TIMEOUT + MARGIN.
    """

    statuses: frozenset[str]
    diagnoses: frozenset[str] | None = None
    timed: bool = False


def _expect(statuses: str, diagnoses: str | None = None, timed: bool = False) -> Expect:
    return Expect(
        frozenset(statuses.split()),
        None if diagnoses is None else frozenset(diagnoses.split()),
        timed,
    )


# `error` when the file cannot be loaded at all, `failed` when it loads but a test does not
# pass (DESIGN.md, "status").
BROKEN = {
    "syntax_error.py": _expect("error", "syntax-error"),
    "import_error.py": _expect("error", "import-error"),
    # An exception raised by the module's own code while importing: either name fits.
    "raises_at_import.py": _expect("error", "import-error raised-exception"),
    "misnamed_function.py": _expect("error", "missing-function"),
    "raises_in_call.py": _expect("failed", "raised-exception"),
    "returns_string.py": _expect("failed", "bad-return-type"),
    "returns_none.py": _expect("failed", "bad-return-type"),
}

# Files that return the right value while misbehaving otherwise (huge output, stray
# children) may pass or fail; what is checked there is the containment (see their tests).
ANY = "passed failed error"
HOSTILE = {
    "monkeypatch_numpy.py": _expect("failed"),
    "sys_exit_import.py": _expect("error", "process-exited import-error raised-exception"),
    "sys_exit_call.py": _expect("failed", "process-exited raised-exception"),
    "os_exit_import.py": _expect("error", "process-exited"),
    "os_exit_call.py": _expect("failed", "process-exited"),
    "fake_report.py": _expect("failed"),
    "loop_import.py": _expect("error", "timeout", timed=True),
    "loop_call.py": _expect("failed", "timeout", timed=True),
    "loop_ignores_sigterm.py": _expect("failed", "timeout", timed=True),
    "sleep_import.py": _expect("error", "timeout", timed=True),
    "sleep_call.py": _expect("failed", "timeout", timed=True),
    "memory_hog.py": _expect("failed", "memory-limit"),
    # Not a number, whatever it claims: the result must be rejected as such.
    "lying_equality.py": _expect("failed", "bad-return-type"),
    "pickle_payload.py": _expect("failed", "bad-return-type"),
    "huge_output.py": _expect(ANY),
    "background_child.py": _expect(ANY),
    "background_setsid.py": _expect(ANY),
    "kill_parent.py": _expect("failed"),
    # Confinement: each would pass (or leave traces) if it could reach what it looks for.
    "read_reference.py": _expect("failed"),
    "search_memory.py": _expect("failed"),
    "write_outside.py": _expect("failed"),
    "connect_port.py": _expect("failed"),
    "fork_bomb.py": _expect("failed"),
    # Text that would act on whatever shows it (tests/e2e/test_inert_text.py shows it everywhere).
    "text_raises.py": _expect("failed", "raised-exception"),
    "text_returns.py": _expect("failed", "bad-return-type"),
    "text_names.py": _expect("error", "missing-function"),
    "text_import.py": _expect("error", "import-error raised-exception"),
}

FAKE_REPORT_MARKERS = ("✓ all tests passed", "score 10/10", '{"status": "passed"}')


CORRECT = [p for ex in EXERCISES for p in fixture_inventory.correct_files(LEARNERS / ex)]
MISTAKES = [p for ex in EXERCISES for p in fixture_inventory.mistake_files(LEARNERS / ex).values()]
BROKEN_FILES = [LEARNERS / "broken" / name for name in BROKEN]
HOSTILE_FILES = [LEARNERS / "hostile" / name for name in HOSTILE]


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _mistake_id(path: Path) -> str:
    return path.stem[len("mistake_"):]


def _exercise_of(path: Path) -> str:
    match = re.match(r"#\s*lossdrill:\s*(\S+)", path.read_text(encoding="utf-8"))
    assert match, f"{path} has no '# lossdrill: exN' header"
    return match.group(1)


# -- running the grader -------------------------------------------------------------------------


@dataclass
class Run:
    path: Path
    returncode: int | None
    stdout: str
    stderr: str
    wall: float
    hung: bool
    workdir: Path

    @property
    def pidfile(self) -> Path:
        return self.workdir / "child.pid"

    @property
    def marker(self) -> Path:
        return self.workdir / "unpickled.marker"

    def doc(self) -> dict[str, Any]:
        """The grader's stdout, which must be exactly one JSON document."""
        assert not self.hung, (
            f"grader still running after {HARD_LIMIT:.0f}s on {_id(self.path)}; killed.\n"
            f"stderr tail: {self.stderr[-2000:]}"
        )
        try:
            doc = json.loads(self.stdout)
        except json.JSONDecodeError as exc:
            raise AssertionError(
                f"stdout of `lossdrill check {_id(self.path)} --json` is not one JSON "
                f"document ({exc}); exit {self.returncode}.\n"
                f"stdout head: {self.stdout[:1500]!r}\nstderr tail: {self.stderr[-2000:]}"
            ) from None
        assert isinstance(doc, dict), f"JSON document is a {type(doc).__name__}, not an object"
        return doc

    def describe(self) -> str:
        head = self.stdout[:3000]
        return f"{_id(self.path)}: exit {self.returncode}, {self.wall:.2f}s, stdout {head}"


def _run_grader(path: Path, workdir: Path, command: list[str]) -> Run:
    workdir.mkdir(parents=True, exist_ok=True)
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("LOSSDRILL_", "PYTHON", "XDG_", "VIRTUAL_ENV"))
    }
    if command == CHECKOUT:
        env.update(PYTHONPATH=str(REPO))
    env.update(
        PYTHONDONTWRITEBYTECODE="1",
        HOME=str(workdir / "home"),  # progress and state files stay in the sandbox
        XDG_DATA_HOME=str(workdir / "home" / "data"),
        XDG_STATE_HOME=str(workdir / "home" / "state"),
        XDG_CONFIG_HOME=str(workdir / "home" / "config"),
        XDG_CACHE_HOME=str(workdir / "home" / "cache"),
        NO_COLOR="1",
        LOSSDRILL_TEST_PIDFILE=str(workdir / "child.pid"),
        LOSSDRILL_TEST_MARKER=str(workdir / "unpickled.marker"),
    )
    cmd = [
        *command, "check", str(path),
        "--json", "--timeout", str(TIMEOUT), "--seed", str(SEED),
    ]
    start = time.monotonic()
    # A session of its own: nothing the learner signals can reach pytest, and a hung grader
    # can be killed with everything it started in its group.
    proc = subprocess.Popen(
        cmd, cwd=workdir, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    hung = False
    try:
        out, err = proc.communicate(timeout=HARD_LIMIT)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    wall = time.monotonic() - start
    return Run(
        path=path,
        returncode=None if hung else proc.returncode,
        stdout=out.decode("utf-8", errors="replace"),
        stderr=err.decode("utf-8", errors="replace"),
        wall=wall,
        hung=hung,
        workdir=workdir,
    )


class Runner:
    """Runs the grader once per fixture, several at a time, and caches the results."""

    def __init__(self, root: Path, command: list[str]) -> None:
        self.root = root
        self.command = command
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="lossdrill")
        self.futures: dict[Path, Future[Run]] = {}
        self.lock = threading.Lock()

    def submit(self, path: Path) -> Future[Run]:
        with self.lock:
            if path not in self.futures:
                workdir = self.root / path.parent.name / path.stem
                self.futures[path] = self.pool.submit(_run_grader, path, workdir,
                                                      self.command)
            return self.futures[path]

    def get(self, path: Path) -> Run:
        return self.submit(path).result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _start(request: pytest.FixtureRequest, root: Path, command: list[str], param: str):
    r = Runner(root, command)
    wanted: list[Path] = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and isinstance(callspec.params.get(param), Path):
            wanted.append(callspec.params[param])
    # Hanging learners first: their waiting overlaps with everything else.
    slow = {LEARNERS / "hostile" / n for n, e in HOSTILE.items() if e.timed}
    for path in sorted(set(wanted), key=lambda p: (p not in slow, str(p))):
        r.submit(path)
    return r


@pytest.fixture(scope="session")
def runner(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The checkout's lossdrill, as `python -m lossdrill`."""
    r = _start(request, tmp_path_factory.mktemp("lossdrill-e2e"), CHECKOUT, "learner")
    yield r
    r.close()


@pytest.fixture(scope="session")
def wheel_runner(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                 wheel_env: Path):
    """The `lossdrill` command of a wheel install in a fresh venv (conftest.wheel_env)."""
    r = _start(request, tmp_path_factory.mktemp("lossdrill-wheel-e2e"),
               [str(wheel_env / "bin" / "lossdrill")], "wheel_learner")
    yield r
    r.close()


def _ids(doc: dict[str, Any]) -> list[str]:
    return [d.get("id") for d in doc.get("diagnoses", []) if isinstance(d, dict)]


def _check_common(run: Run, doc: dict[str, Any]) -> None:
    """What holds for every check, whatever the file."""
    assert doc.get("status") in ("passed", "failed", "error"), run.describe()
    expected_code = 0 if doc["status"] == "passed" else 1
    assert run.returncode == expected_code, (
        f"exit code {run.returncode} with status {doc['status']!r} (want {expected_code}); "
        f"{run.describe()}\nstderr tail: {run.stderr[-2000:]}"
    )
    assert doc.get("exercise") == _exercise_of(run.path), run.describe()
    assert doc.get("seed") == SEED, run.describe()
    assert Path(str(doc.get("file"))).name == run.path.name, run.describe()
    if doc["status"] != "passed":
        assert doc.get("diagnoses"), f"a non-passing check must say why: {run.describe()}"
    for test in doc.get("tests", []):
        if isinstance(test, dict) and test.get("visibility") == "hidden":
            # Hidden tests never reveal their inputs or expected values.
            assert not re.search(r"\b(expected|got)\s+[-+(\[]*\d", str(test.get("message"))), test


# -- correct solutions and one mistake per file, graded as a class ------------------------------


@pytest.fixture(scope="session")
def as_class(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, dict[str, Any]]:
    """Every correct and mistake fixture, a student each, graded by one `lossdrill grade`:
    each fixture's entry of results.json (the document `check --json` prints, and more)."""
    root = tmp_path_factory.mktemp("fixtures-as-a-class")
    students: dict[str, Path] = {}
    for path in CORRECT + MISTAKES:
        student = f"{path.parent.name}-{path.stem}"
        (root / "subs" / student).mkdir(parents=True)
        shutil.copyfile(path, root / "subs" / student / f"{path.parent.name}.py")
        students[student] = path
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "XDG_"))}
    run = subprocess.run([*CHECKOUT, "grade", str(root / "subs"), "--out", str(root / "out"),
                          "--secret", "e2e-fixtures", "--timeout", str(TIMEOUT)],
                         env={**env, "PYTHONPATH": str(REPO), "HOME": str(root)},
                         capture_output=True, text=True, timeout=HARD_LIMIT * 3)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    doc = json.loads((root / "out" / "results.json").read_text(encoding="utf-8"))
    return {students[s["id"]]: s["exercises"][students[s["id"]].parent.name]
            for s in doc["students"]}


def _graded(as_class: dict[Path, dict[str, Any]], learner: Path) -> dict[str, Any]:
    doc = as_class[learner]
    assert doc.get("exercise") == _exercise_of(learner), doc
    for test in doc.get("tests", []):
        if test.get("visibility") == "hidden":  # never their inputs or expected values
            assert not re.search(r"\b(expected|got)\s+[-+(\[]*\d", str(test.get("message"))), test
    return doc


@pytest.mark.parametrize("fixture", CORRECT, ids=_id)
def test_correct_solution_passes(as_class: dict[Path, dict[str, Any]], fixture: Path) -> None:
    doc = _graded(as_class, fixture)
    failing = [t for t in doc.get("tests", []) if t.get("status") != "passed"]
    assert doc["status"] == "passed", f"{_id(fixture)}: not passing: {failing}"
    assert doc["max_score"] > 0
    assert doc["score"] == pytest.approx(doc["max_score"])
    assert doc["tests"] and not failing
    assert doc["diagnoses"] == []


@pytest.mark.parametrize("fixture", MISTAKES, ids=_id)
def test_mistake_is_diagnosed(as_class: dict[Path, dict[str, Any]], fixture: Path) -> None:
    doc = _graded(as_class, fixture)
    assert doc["status"] == "failed", (_id(fixture), doc["status"])
    assert doc["score"] < doc["max_score"]
    assert doc["diagnoses"], f"{_id(fixture)}: a failing check must say why"
    mistake = _mistake_id(fixture)
    assert mistake in _ids(doc), f"{_id(fixture)}: diagnoses {_ids(doc)} do not name {mistake!r}"


# -- broken files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("learner", BROKEN_FILES, ids=_id)
def test_broken_file(runner: Runner, learner: Path) -> None:
    run = runner.get(learner)
    doc = run.doc()
    _check_common(run, doc)
    expect = BROKEN[learner.name]
    assert doc["status"] in expect.statuses, run.describe()
    assert run.returncode == 1
    assert expect.diagnoses is not None
    assert expect.diagnoses & set(_ids(doc)), (
        f"want one of {sorted(expect.diagnoses)}, got {_ids(doc)}; {run.describe()}"
    )
    if learner.name == "syntax_error.py":
        messages = [d["message"] for d in doc["diagnoses"] if d.get("id") == "syntax-error"]
        assert any(re.search(rf"\b{SYNTAX_ERROR_LINE}\b", m) for m in messages), (
            f"the syntax error is on line {SYNTAX_ERROR_LINE}; the diagnosis should say so: "
            f"{messages}"
        )


# -- hostile files --------------------------------------------------------------------------------


@pytest.mark.parametrize("learner", HOSTILE_FILES, ids=_id)
def test_hostile_file_is_contained(runner: Runner, learner: Path) -> None:
    _assert_contained(runner.get(learner), learner)


@pytest.mark.parametrize("wheel_learner", HOSTILE_FILES, ids=_id)
def test_hostile_file_is_contained_in_a_wheel_install(wheel_runner: Runner,
                                                      wheel_learner: Path) -> None:
    """The same files against lossdrill installed from its wheel, as users run it."""
    run = wheel_runner.get(wheel_learner)
    _assert_contained(run, wheel_learner)
    if wheel_learner.name == "read_reference.py":
        assert "no reference readable" in run.doc()["learner_output"], run.describe()


def _assert_contained(run: Run, learner: Path) -> None:
    doc = run.doc()  # a single valid JSON document, whatever the learner did
    _check_common(run, doc)
    expect = HOSTILE[learner.name]
    assert doc["status"] in expect.statuses, (
        f"want status in {sorted(expect.statuses)}; {run.describe()}"
    )
    if "passed" not in expect.statuses:
        assert run.returncode == 1
    if expect.diagnoses is not None:
        assert expect.diagnoses & set(_ids(doc)), (
            f"want one of {sorted(expect.diagnoses)}, got {_ids(doc)}; {run.describe()}"
        )
    if expect.timed:
        assert run.wall <= TIMEOUT + MARGIN, (
            f"{_id(learner)} hangs; the check took {run.wall:.1f}s with --timeout {TIMEOUT} "
            f"(allowed {TIMEOUT + MARGIN:.1f}s)"
        )


def test_fake_report_does_not_reach_the_graders_output(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "fake_report.py")
    doc = run.doc()
    assert doc["status"] == "failed"
    # Whatever the learner printed lives inside learner_output and nowhere else.
    rest = dict(doc, learner_output="")
    rendered = json.dumps(rest, ensure_ascii=False)
    for text in FAKE_REPORT_MARKERS:
        assert text not in run.stderr, f"learner text {text!r} leaked into the grader's stderr"
        assert text not in rendered.replace('\\"', '"'), (
            f"learner text {text!r} appears in the grader's report outside learner_output"
        )


def test_huge_output_is_capped(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "huge_output.py")
    doc = run.doc()
    _check_common(run, doc)
    output = doc["learner_output"]
    assert isinstance(output, str)
    assert len(output.encode("utf-8")) <= OUTPUT_LIMIT, (
        f"learner_output is {len(output.encode('utf-8'))} bytes, cap is {OUTPUT_LIMIT}"
    )
    assert len(run.stdout.encode("utf-8")) <= 2 * OUTPUT_LIMIT + 200_000
    assert len(run.stderr.encode("utf-8")) <= OUTPUT_LIMIT


def _child_pid(run: Run, doc: dict[str, Any]) -> int | None:
    if run.pidfile.exists():
        text = run.pidfile.read_text().strip()
        if text.isdigit():
            return int(text)
    match = re.search(r"background pid: (\d+)", doc.get("learner_output", ""))
    return int(match.group(1)) if match else None


def _alive(pid: int) -> bool:
    """True while pid is a process that is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


@pytest.mark.parametrize(
    "learner",
    [LEARNERS / "hostile" / "background_child.py", LEARNERS / "hostile" / "background_setsid.py"],
    ids=_id,
)
def test_background_child_does_not_outlive_the_check(runner: Runner, learner: Path) -> None:
    run = runner.get(learner)
    doc = run.doc()
    _check_common(run, doc)
    pid = _child_pid(run, doc)
    if pid is None:
        # The fixture always says what happened; only a refusal (exec and fork both denied
        # by the sandbox) means there is no child to look for.
        assert "background child refused" in doc["learner_output"], (
            "cannot tell whether the learner's child was started: no pid in the pidfile or "
            f"in learner_output; {run.describe()}"
        )
        return
    try:
        deadline = time.monotonic() + 2.0
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid), (
            f"the learner's child process {pid} (`sleep 1000`) is still running after the check"
        )
    finally:
        if _alive(pid) and _looks_like_our_child(pid):
            # Do not leave it behind on the developer's machine.
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _looks_like_our_child(pid: int) -> bool:
    """`sleep 1000`, or the learner's own forked worker: never some unrelated process."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
    except OSError:
        return False
    return argv[:2] == [b"sleep", b"1000"] or any(b"lossdrill" in a for a in argv)


def test_kill_parent_grader_survives(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "kill_parent.py")
    assert run.returncode == 1, (
        f"the grader did not survive SIGTERM from the learner: exit {run.returncode} "
        f"(-15 means killed by it); stderr tail: {run.stderr[-1000:]}"
    )
    doc = run.doc()
    assert doc["status"] == "failed"


def test_pickle_payload_is_never_unpickled(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "pickle_payload.py")
    doc = run.doc()
    assert doc["status"] == "failed"
    assert not run.marker.exists(), (
        "the payload's __reduce__ ran os.system in process "
        f"{run.marker.read_text().strip()}: something unpickled the learner's result"
    )


def test_monkeypatching_numpy_changes_nothing_in_the_grader(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "monkeypatch_numpy.py")
    doc = run.doc()
    assert doc["status"] == "failed"
    assert doc["score"] < doc["max_score"]
    values = [t for t in doc["tests"] if t.get("kind") == "value"]
    assert values and all(t["status"] != "passed" for t in values), (
        f"a value test passed although mse always returns 42.0: {values}"
    )


# -- the JSON document ----------------------------------------------------------------------------

NUMBER = (int, float)
TOP_LEVEL = {
    "lossdrill": str, "exercise": str, "slug": str, "title": str, "file": str, "status": str,
    "score": NUMBER, "max_score": NUMBER, "seed": int, "tests": list, "diagnoses": list,
    "learner_output": str, "duration_s": NUMBER,
}
PER_TEST = {
    "name": str, "kind": str, "visibility": str, "status": str, "score": NUMBER,
    "max_score": NUMBER, "message": str,
}
PER_DIAGNOSIS = {"id": str, "message": str}


def _assert_types(obj: dict[str, Any], schema: dict[str, Any], where: str) -> None:
    assert set(obj) == set(schema), (
        f"{where}: keys {sorted(obj)} differ from DESIGN.md's {sorted(schema)} "
        f"(extra {sorted(set(obj) - set(schema))}, missing {sorted(set(schema) - set(obj))})"
    )
    for key, types in schema.items():
        value = obj[key]
        assert isinstance(value, types) and not isinstance(value, bool), (
            f"{where}.{key} = {value!r} is a {type(value).__name__}"
        )


SHAPE_SAMPLES = [
    LEARNERS / "ex1" / "mse_vectorised.py",  # passed
    LEARNERS / "ex3" / "mistake_grad-of-sum.py",  # failed, with diagnoses, several kinds
    LEARNERS / "broken" / "syntax_error.py",  # error
]


def test_json_shape_matches_design(runner: Runner) -> None:
    """Top-level keys, per-test and per-diagnosis keys and their types, as in DESIGN.md."""
    for path in SHAPE_SAMPLES:
        runner.submit(path)
    statuses = []
    for path in SHAPE_SAMPLES:
        run = runner.get(path)
        doc = run.doc()
        where = _id(path)
        _assert_types(doc, TOP_LEVEL, where)
        assert re.fullmatch(r"\d+\.\d+\.\d+\S*", doc["lossdrill"]), doc["lossdrill"]
        assert doc["status"] in ("passed", "failed", "error")
        assert doc["slug"] and doc["title"]
        assert doc["duration_s"] >= 0
        assert 0 <= doc["score"] <= doc["max_score"]
        for i, test in enumerate(doc["tests"]):
            assert isinstance(test, dict), f"{where}.tests[{i}] is not an object"
            _assert_types(test, PER_TEST, f"{where}.tests[{i}]")
            assert test["kind"] in ("value", "raises", "gradient", "property", "task"), test
            assert test["visibility"] in ("visible", "hidden"), test
            assert test["status"] in ("passed", "failed", "error", "skipped"), test
            assert 0 <= test["score"] <= test["max_score"], test
        for i, diagnosis in enumerate(doc["diagnoses"]):
            assert isinstance(diagnosis, dict), f"{where}.diagnoses[{i}] is not an object"
            _assert_types(diagnosis, PER_DIAGNOSIS, f"{where}.diagnoses[{i}]")
            assert diagnosis["id"] and diagnosis["message"], diagnosis
        if doc["tests"]:
            assert doc["score"] == pytest.approx(sum(t["score"] for t in doc["tests"]))
            assert doc["max_score"] == pytest.approx(sum(t["max_score"] for t in doc["tests"]))
        if doc["status"] == "error":
            assert doc["score"] == 0
        statuses.append(doc["status"])
    assert statuses == ["passed", "failed", "error"]


# -- the fixtures themselves ----------------------------------------------------------------------


def test_every_exercise_of_the_catalogue_has_its_fixtures_and_cross_check() -> None:
    """Correct solutions in several styles, a file per listed mistake, the header, and a
    cross-check of the reference: for every exercise the catalogue holds."""
    missing = fixture_inventory.problems(CATALOG.all(), REPO / "tests")
    assert not missing, "\n".join(missing)
    for ex in FULL_STYLES:  # the first exercises carry the full range of styles
        styles = fixture_inventory.styles(LEARNERS / ex)
        assert {"vectorised", "loops", "pure"} <= styles and len(styles) >= 4, (ex, styles)


def test_broken_and_hostile_fixtures_are_in_the_tables() -> None:
    assert {p.name for p in (LEARNERS / "broken").glob("*.py")} == set(BROKEN)
    assert {p.name for p in (LEARNERS / "hostile").glob("*.py")} == set(HOSTILE)
    for path in [*(LEARNERS / "broken").glob("*.py"), *(LEARNERS / "hostile").glob("*.py")]:
        assert _exercise_of(path) == "ex1", path


# -- confinement --------------------------------------------------------------------------------


def test_reference_cannot_be_read_from_disk(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "read_reference.py")
    doc = run.doc()
    assert doc["status"] == "failed", run.describe()
    assert "no reference readable" in doc["learner_output"], run.describe()


def test_reference_is_not_in_the_learner_process_memory(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "search_memory.py")
    doc = run.doc()
    assert doc["status"] == "failed", run.describe()
    assert "reference found" not in doc["learner_output"], run.describe()


def test_nothing_is_written_outside_the_learner_folder(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "write_outside.py")
    doc = run.doc()
    assert doc["status"] == "failed", run.describe()
    for leftover in (LEARNERS / "hostile" / "written_by_learner.txt",
                     Path("/tmp/lossdrill-hostile-write.txt"),
                     run.workdir / "written_by_learner.txt"):
        assert not leftover.exists(), f"{leftover} was written; {run.describe()}"
    progress = run.workdir / ".lossdrill" / "progress.json"
    if progress.exists():
        assert "lossdrill-hostile-was-here" not in progress.read_text(), run.describe()


def test_no_connection_reaches_a_local_port() -> None:
    import socket

    with socket.socket() as server:
        try:
            server.bind(("127.0.0.1", 47613))
        except OSError:
            pytest.skip("port 47613 is taken on this machine")
        server.listen()
        server.settimeout(0.2)
        run = _run_grader(LEARNERS / "hostile" / "connect_port.py",
                          Path(os.environ.get("TMPDIR", "/tmp")) / f"ld-connect-{os.getpid()}",
                          CHECKOUT)
        with pytest.raises(TimeoutError):
            server.accept()
    assert run.doc()["status"] == "failed", run.describe()


def test_fork_bomb_starts_nothing_that_survives(runner: Runner) -> None:
    run = runner.get(LEARNERS / "hostile" / "fork_bomb.py")
    doc = run.doc()
    assert doc["status"] == "failed", run.describe()
    pids = [int(p) for p in re.findall(r"background pid: (\d+)", doc["learner_output"])]
    for pid in pids:
        assert not _alive(pid), f"forked child {pid} outlived the check; {run.describe()}"
