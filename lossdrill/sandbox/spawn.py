"""Starting a learner process as a fresh interpreter, and what every learner process shares:
its environment (with a marker its descendants inherit), and the reaping of descendants that
escaped its process group. Few and light imports (no pathlib, dataclasses or typing, which
cost more to import than the spawn itself), so that `lossdrill check` starts the learner process
first thing (see prestart).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time

PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
# How every child process of lossdrill starts (learner processes, fork servers, grader
# children): this interpreter on the `main(argv)` of one module, importing this copy of the
# package whatever the child's working folder or environment.
_BOOTSTRAP = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
              "from {module} import main; main(sys.argv[1:])")
# One thread per library: faster to start, and a learner's matmul cannot take every core.
_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


_PR_SET_CHILD_SUBREAPER = 36
# The learner processes and fork servers this grader runs now: never taken for strays.
live_children: set[int] = set()


def python_command(module: str, *args: str, isolated: bool = False) -> list[str]:
    """The command line of a child running ``module.main(args)``; ``isolated`` (`-I`): no
    environment variables, user site or current folder on its path (a learner process)."""
    return [sys.executable, *(["-I"] if isolated else []), "-c",
            _BOOTSTRAP.format(module=module), PACKAGE_ROOT, *args]


def become_subreaper() -> bool:
    """Make orphaned descendants of our learner processes our children (Linux), so even a
    grandchild that escaped into a session of its own can be found and killed."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        status: int = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0,
                                                              0, 0)
        return status == 0
    except (OSError, AttributeError):
        return False


def learner_marker() -> str:
    """An environment entry every learner process (and what it starts) carries, so that only
    those are ever taken for strays — never another child of the process grading."""
    return f"LOSSDRILL_LEARNER_OF={os.getpid()}"


def _is_learners(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:
            return learner_marker().encode() in handle.read().split(b"\0")
    except OSError:
        return False


def _stray_children() -> list[int]:
    """Our child processes that are not live learner processes: orphans reparented to us."""
    me = str(os.getpid())
    strays = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit() or int(entry) in live_children:
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().decode("ascii", "replace")
        except OSError:
            continue
        # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and fields[1] == me and _is_learners(entry):
            strays.append(int(entry))
    return strays


def reap_strays(rounds: int = 20) -> int:
    """Kill and reap reparented descendants until none is left; each death may orphan more."""
    killed = 0
    for _ in range(rounds):
        strays = _stray_children()
        if not strays:
            break
        for pid in strays:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
            killed += 1
        time.sleep(0.005)  # let the orphans of what died be reparented
    return killed


_subreaper = False


def learner_environment(tmp: str) -> dict[str, str]:
    name, value = learner_marker().split("=", 1)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": tmp,
        "TMPDIR": tmp,
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        name: value,
        **{var: "1" for var in _THREAD_VARS},
    }


def ensure_subreaper() -> bool:
    global _subreaper
    if not _subreaper:
        _subreaper = become_subreaper()
    return _subreaper


class Spawned:
    """A learner process started as a fresh interpreter, and the grader's ends of its pipes."""

    def __init__(self, popen: subprocess.Popen[bytes], tmp: str, request: int, response: int,
                 output: int) -> None:
        self.popen, self.tmp = popen, tmp
        self.request, self.response, self.output = request, response, output


def spawn_interpreter() -> Spawned:
    """Start `python -I` on serve.py in a new session and an empty temporary folder; it
    imports NumPy while the grader goes on. Limits and confinement come with the load."""
    tmp = tempfile.mkdtemp(prefix="lossdrill-")
    req_r, req_w = os.pipe()
    resp_r, resp_w = os.pipe()
    out_r, out_w = os.pipe()
    try:
        popen = subprocess.Popen(
            python_command("lossdrill.sandbox.serve", str(req_r), str(resp_w), isolated=True),
            stdin=subprocess.DEVNULL, stdout=out_w, stderr=out_w, pass_fds=(req_r, resp_w),
            cwd=tmp, env=learner_environment(tmp), start_new_session=True,
        )
    finally:
        for fd in (req_r, resp_w, out_w):
            os.close(fd)
    live_children.add(popen.pid)
    # Before any learner code runs (it comes with the load request), and after the spawn,
    # which need not wait for ctypes.
    ensure_subreaper()
    return Spawned(popen, tmp, req_w, resp_r, out_r)


_prestarted: Spawned | None = None


def prestart() -> None:
    """Start a learner process now, for the next LearnerProcess to adopt: `lossdrill check`
    calls this first thing, so the interpreter start and NumPy import overlap the grader's."""
    global _prestarted
    if _prestarted is None:
        _prestarted = spawn_interpreter()


def take_prestarted() -> Spawned | None:
    global _prestarted
    spawned, _prestarted = _prestarted, None
    return spawned
