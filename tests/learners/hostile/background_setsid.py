# lossdrill: ex1
# Hostile: like background_child.py, but the child escapes into a new session (setsid),
# so killing the learner's process group alone does not reach it.
import os
import subprocess

import numpy as np

_child = None


def _report(pid):
    print(f"background pid: {pid}", flush=True)
    path = os.environ.get("LOSSDRILL_TEST_PIDFILE")
    if path:
        try:
            with open(path, "w") as f:
                f.write(f"{pid}\n")
        except OSError:
            pass


def mse(y_true, y_pred):
    global _child
    if _child is None:
        try:
            _child = subprocess.Popen(
                ["sleep", "1000"], start_new_session=True,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            _report(_child.pid)
        except OSError:
            _child = False
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return float(np.mean((y_pred - y_true) ** 2))
