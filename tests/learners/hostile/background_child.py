# lossdrill: ex1
# Hostile: on its first call, starts `sleep 1000` that would outlive the call (same process
# group), reports its pid (to $LOSSDRILL_TEST_PIDFILE when it can write there, and on stdout
# as "background pid: N"), then returns the right value.
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
            pass  # e.g. confinement forbids writing there; stdout still says it


def mse(y_true, y_pred):
    global _child
    if _child is None:
        try:
            _child = subprocess.Popen(
                ["sleep", "1000"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            _report(_child.pid)
        except OSError:
            _child = False  # a process cap refused it: fine, carry on
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return float(np.mean((y_pred - y_true) ** 2))
