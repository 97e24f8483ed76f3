"""Watch mode: its pieces alone (keys, debouncing, the folder watcher, abandonable checks),
then `lossdrill watch` itself driven through a pseudo-terminal with real key presses and real
file saves (in place, by rename, deleted and re-created, mid-check), every wait bounded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lossdrill.learner.watch import Debouncer, FolderWatcher, KeyReader, actions
from lossdrill.spec.catalog import find_pack
from lossdrill.workers.checks import CheckChild, CheckChildren, check_request, graded
from lossdrill.workers.messages import encode_answer, find_answer

pexpect = pytest.importorskip("pexpect")

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
PASSING = (LEARNERS / "ex1" / "mse_vectorised.py").read_text()
EXTRA_HALF = (LEARNERS / "ex1" / "mistake_extra-half.py").read_text()
SLOW = "import time\n\ndef mse(y_true, y_pred):\n    time.sleep(60)\n"
WAIT = 30  # seconds any one expected screen may take on a loaded two-core machine
_SCRUBBED = ("LOSSDRILL_EXERCISES", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


# -- the pieces -----------------------------------------------------------------------------


def test_keys_map_to_actions() -> None:
    assert actions(b"hsnlq") == ["hint", "statement", "next", "list", "quit"]
    assert actions(b"H\r\x03xyz?") == ["hint", "recheck", "quit", "help"]
    assert actions(b"\xff\xfe") == []


def test_the_debouncer_fires_once_after_a_burst() -> None:
    debouncer = Debouncer(quiet=0.2)
    assert debouncer.wait(0.0) is None and not debouncer.ready(0.0)
    for now in (1.0, 1.05, 1.1):  # write, rename, touch: one save
        debouncer.poke(now)
    assert debouncer.wait(1.15) == pytest.approx(0.15)
    assert not debouncer.ready(1.25)
    assert debouncer.ready(1.3)
    assert not debouncer.ready(1.4)  # once
    debouncer.fire_now()
    assert debouncer.ready(0.0)


def test_the_key_reader_reads_nothing_without_a_terminal() -> None:
    with open(os.devnull) as stream, KeyReader(stream).active() as keys:
        assert keys.fd is None and keys.read() == []


def _changes(watcher: FolderWatcher, name: str, timeout: float = 10) -> bool:
    import select

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        select.select([watcher.fileno()], [], [], 0.2)
        if name in watcher.changed():
            return True
    return False


def test_the_folder_watcher_sees_saves_in_place_by_rename_and_deletion(tmp_path: Path) -> None:
    target = tmp_path / "ex1.py"
    watcher = FolderWatcher(tmp_path).start()
    try:
        time.sleep(0.3)  # the watch is set up in its thread
        target.write_text("a")
        assert _changes(watcher, "ex1.py")
        temporary = tmp_path / ".ex1.py.swp"
        temporary.write_text("b")
        os.replace(temporary, target)
        assert _changes(watcher, "ex1.py")
        target.unlink()
        assert _changes(watcher, "ex1.py")
        (tmp_path / "other.py").write_text("c")
        assert not _changes(watcher, "ex1.py", timeout=0.5)
    finally:
        watcher.stop()


def test_only_the_answer_with_the_requests_token_is_read() -> None:
    from lossdrill.grading.results import CheckResult, Diagnosis

    result = CheckResult("ex1", "mse", "Mean squared error", "ex1.py", "failed", 0.0, 12.0, 7,
                         [], [Diagnosis("extra-half", "Drop the ½.")], "", 0.2)
    passed = CheckResult("ex1", "mse", "Mean squared error", "ex1.py", "passed", 12.0, 12.0, 7,
                         [], [], "", 0.2)
    forged = encode_answer("0" * 32, result=passed)  # as /proc/PPID/fd/1 could
    token = "a1" * 16
    output = forged + b"noise\n" + encode_answer(token, result=result) + forged
    answer = find_answer(token, output)
    assert answer is not None and answer.check_result() == result and answer.curves() is None
    assert find_answer(token, forged + b"garbage\n") is None
    assert find_answer(token, encode_answer(token, result=result)[:40]) is None  # cut short


def _descendants(pid: int) -> set[int]:
    """Every process below pid, from /proc (children of children included)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat[stat.rfind(")") + 2:].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_stopping_a_check_kills_its_learner_process_too(tmp_path: Path) -> None:
    learner = tmp_path / "ex1.py"
    learner.write_text(SLOW)
    job = CheckChild(1 << 30)
    job.send(check_request(find_pack(None), learner, "ex1", memory=1 << 30, seed=1,
                           timeout=30))
    deadline = time.monotonic() + WAIT
    while not _descendants(job.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # into the first call, which sleeps
    learners = _descendants(job.proc.pid)
    assert learners and job.alive
    job.stop()
    deadline = time.monotonic() + 10
    while not job.reap() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not job.alive and job.proc.returncode == 128 + 15  # it unwound, it was not killed
    time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() for pid in learners)


def test_a_child_grader_answers_like_check(tmp_path: Path) -> None:
    runner = CheckChildren(1 << 30)
    learner = tmp_path / "ex1.py"
    learner.write_text(EXTRA_HALF)
    job = runner.start(check_request(find_pack(None), learner, "ex1", memory=1 << 30, seed=1,
                                     label="ex1.py"))
    try:
        result, sweep = graded(job.wait(60))
    finally:
        runner.close()
        job.reap()
    assert result.status == "failed" and result.file == "ex1.py"
    assert [d.id for d in result.diagnoses] == ["extra-half"]
    assert sweep is not None and sweep.differs()


# -- lossdrill watch in a pseudo-terminal ---------------------------------------------------


def save(path: Path, text: str, *, by_rename: bool = False) -> None:
    if by_rename:  # as vim and many editors do: a new file renamed over the old one
        temporary = path.with_name(f".{path.name}.swp")
        temporary.write_text(text)
        os.replace(temporary, path)
    else:
        path.write_text(text)


def spawn(folder: Path, *args: str, dimensions: tuple[int, int] = (60, 110)) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    child = pexpect.spawn(sys.executable, ["-m", "lossdrill", "watch", *args], cwd=str(folder),
                          env=env, dimensions=dimensions, encoding="utf-8", timeout=WAIT)
    child.logfile_read = _Log()
    return child


class _Log:
    """What the session printed, kept for the failure message."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, data: str) -> None:
        self.text = (self.text + data)[-6000:]

    def flush(self) -> None:
        pass


def screen(child: pexpect.spawn) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.logfile_read.text)


def finish(child: pexpect.spawn) -> int:
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_watch_rechecks_on_every_kind_of_save_and_answers_keys(tmp_path: Path) -> None:
    target = tmp_path / "ex1.py"
    save(target, EXTRA_HALF)
    child = spawn(tmp_path, "ex1.py", "--seed", "1")
    try:
        child.expect("extra-half")  # the first check runs at once
        child.expect("q quit")
        save(target, PASSING, by_rename=True)
        child.expect("12/12 passed")
        child.expect("Press n for the next exercise")

        child.send("h")
        child.expect("→ hint 1/5")
        child.send("h")
        child.expect("→ hint 2/5")
        child.send("s")
        child.expect("Worked example")
        child.send("l")
        child.expect(r"ex2\s+bce")

        target.unlink()
        child.expect("waiting for it to appear")
        save(target, "def mse(y_true, y_pred)\n    return 0\n")  # does not parse yet
        child.expect("syntax-error")
        save(target, EXTRA_HALF)
        child.expect("extra-half")
        assert finish(child) == 0, screen(child)
    finally:
        child.close(force=True)
    progress = (tmp_path / ".lossdrill" / "progress.json").read_text()
    assert '"hints_used": 2' in progress and '"first_pass"' in progress


def test_a_save_while_checking_stops_that_check(tmp_path: Path) -> None:
    target = tmp_path / "ex1.py"
    save(target, SLOW)
    child = spawn(tmp_path, "ex1.py", "--timeout", "30")
    try:
        child.expect("checking")
        time.sleep(1.5)  # the check is now inside the sleeping call
        started = time.monotonic()
        save(target, PASSING)
        child.expect("the previous check was stopped")
        child.expect("12/12 passed")
        assert time.monotonic() - started < 20  # not the 30 s timeout of the slow call
        assert finish(child) == 0
    finally:
        child.close(force=True)
    assert "did not finish" not in screen(child)


def test_n_starts_the_next_exercise_beside_and_watches_it(tmp_path: Path) -> None:
    save(tmp_path / "ex1.py", PASSING)
    mine = "# lossdrill: ex3\n# my own work, never overwritten\n"
    save(tmp_path / "ex3.py", mine)
    child = spawn(tmp_path, "ex1.py")
    try:
        child.expect("12/12 passed")
        child.send("n")
        child.expect("wrote ex2.py: implement binary_cross_entropy")
        child.expect(r"ex2 · Binary cross-entropy")
        child.expect("watching ex2.py")
        child.send("n")
        child.expect("ex3.py exists: watching it")
        child.expect(r"ex3 · Hinge loss")
        assert finish(child) == 0
    finally:
        child.close(force=True)
    assert (tmp_path / "ex2.py").read_text().startswith("# lossdrill: ex2\n")
    assert (tmp_path / "ex3.py").read_text() == mine


def test_sigterm_ends_the_session_and_its_checks(tmp_path: Path) -> None:
    save(tmp_path / "ex1.py", SLOW)
    child = spawn(tmp_path, "ex1.py", "--timeout", "30")
    try:
        child.expect("checking")
        time.sleep(1.0)
        below = _descendants(child.pid)
        assert below
        child.kill(15)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{p}").exists() for p in below) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(Path(f"/proc/{p}").exists() for p in below)
    finally:
        child.close(force=True)


@pytest.mark.parametrize(("args", "fragment"), [
    (["missing.py"], "missing.py: no such file"),
    (["."], ": is a folder"),
    (["notes.py"], "cannot tell which exercise"),
], ids=["missing", "folder", "unknown-exercise"])
def test_watch_refuses_bad_input_in_one_line(tmp_path: Path, args: list[str],
                                             fragment: str) -> None:
    (tmp_path / "notes.py").write_text("x = 1\n")
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    result = subprocess.run([sys.executable, "-m", "lossdrill", "watch", *args], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and fragment in lines[0], result.stderr


def test_watch_a_notebook(tmp_path: Path) -> None:
    notebook = tmp_path / "work.ipynb"
    text = (REPO / "tests" / "notebooks" / "sum_not_mean.ipynb").read_text()
    save(notebook, text)
    child = spawn(tmp_path, "work.ipynb", "--seed", "1")
    try:
        child.expect("sum-instead-of-mean")  # the exercise from the first cell's header
        save(notebook, text.replace("np.sum(", "np.mean("), by_rename=True)
        child.expect("12/12 passed")
        assert finish(child) == 0, screen(child)
    finally:
        child.close(force=True)


def test_a_deleted_folder_ends_the_session_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    save(folder / "ex1.py", PASSING)
    child = spawn(folder, "ex1.py")
    try:
        child.expect("12/12 passed")
        shutil.rmtree(folder)  # the file, and the progress the session wrote there
        gap = r"(?:\s|\x1b\[[0-9;]*m)+"  # rich wraps the long path's line anywhere
        child.expect(gap.join(["the", "folder", "was", "deleted;", "create", "it", "again"]))
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 2
    finally:
        child.close(force=True)


# -- a report taller than the window ----------------------------------------------------------

GRAD_WRONG_SIGN = (Path(__file__).resolve().parents[1] / "learners" / "ex3"
                   / "mistake_grad-wrong-sign.py").read_text()


@pytest.mark.parametrize("rows", [15, 24])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_summary_and_the_keys_stay_on_a_short_screen(tmp_path: Path, rows: int,
                                                         lang: str) -> None:
    from rich.cells import cell_len

    save(tmp_path / "ex3.py", GRAD_WRONG_SIGN)
    child = spawn(tmp_path, "ex3.py", "--seed", "1", "--lang", lang, dimensions=(rows, 80))
    try:
        child.expect("q 退出" if lang == "zh" else "q quit")  # the report's last line
        drawn = child.before + child.after
        assert finish(child) == 0
    finally:
        child.close(force=True)
    # What the window shows: the report drawn after the screen was last cleared.
    report = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn.split("\x1b[2J")[-1])
    lines = report.replace("\r", "").split("\n")
    assert len(lines) <= rows - 1, report  # nothing scrolled off the top
    assert all(cell_len(line) <= 80 for line in lines), report
    assert "6/15" in lines[0] and ("未通过" if lang == "zh" else "failed") in lines[0]
    assert "grad-wrong-sign" in report  # the diagnosis
    assert re.search(r"… \d+ more lines" if lang == "en" else r"……还有 \d+ 行", report), report
    left = int(re.search(r"(\d+) (more lines|行)", report).group(1))  # type: ignore[union-attr]
    assert left > 0


def test_the_keys_fit_80_columns_in_every_language() -> None:
    from rich.cells import cell_len

    from lossdrill.i18n import LANGUAGES, _, set_language
    from lossdrill.learner.watch import FOOTER

    try:
        for lang in LANGUAGES:
            set_language(lang)
            assert cell_len(_(FOOTER)) <= 80
    finally:
        set_language(None)


def test_a_report_that_fits_is_shown_whole(tmp_path: Path) -> None:
    save(tmp_path / "ex3.py", GRAD_WRONG_SIGN)
    child = spawn(tmp_path, "ex3.py", "--seed", "1", dimensions=(200, 100))
    try:
        child.expect("q quit")
        drawn = child.before
        assert finish(child) == 0
    finally:
        child.close(force=True)
    report = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn.split("\x1b[2J")[-1])
    assert "more lines" not in report and "grad-wrong-sign" in report
    assert "input y_true" in report and "6/15" in report
