# lossdrill: ex1
# Hostile: like background_child.py, but the child escapes into a session of its own (setsid),
# so killing the learner's process group alone does not reach it. On its first call, starts
# a child that would outlive the call (`sleep 1000`, or a forked copy of itself that sleeps
# when exec is not allowed). It reports what happened on stdout ("background pid: N" or
# "background child refused: ...") and, when it can write there, in the file named by
# $LOSSDRILL_TEST_PIDFILE; then it returns the right value.
import os
import subprocess
import time

import numpy as np

NEW_SESSION = True  # escape the process group: setsid
_started = False


def _report(pid):
    print(f"background pid: {pid}", flush=True)
    path = os.environ.get("LOSSDRILL_TEST_PIDFILE")
    if path:
        try:
            with open(path, "w") as f:
                f.write(f"{pid}\n")
        except OSError:
            pass  # confinement forbids writing there; stdout still says it


def _spawn():
    try:
        child = subprocess.Popen(
            ["sleep", "1000"], start_new_session=NEW_SESSION,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        return child.pid
    except OSError as exc:
        exec_error = exc
    try:
        pid = os.fork()
    except OSError as exc:
        print(f"background child refused: {exec_error!r}; fork: {exc!r}", flush=True)
        return None
    if pid == 0:  # the child: sleep, never return into the grader's protocol
        try:
            if NEW_SESSION:
                os.setsid()
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            time.sleep(1000)
        finally:
            os._exit(0)
    return pid


def mse(y_true, y_pred):
    global _started
    if not _started:
        _started = True
        pid = _spawn()
        if pid is not None:
            _report(pid)
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return float(np.mean((y_pred - y_true) ** 2))
