# lossdrill: ex1
# Hostile, bounded to stay safe: on its first call tries to start 64 processes that each
# sleep for 20 s (a fork bomb would not stop at 64). Under the process cap no process
# starts; whatever did start must be gone when the check ends. Answers wrongly.
import os
import time

import numpy as np

_tried = False


def mse(y_true, y_pred):
    global _tried
    if not _tried:
        _tried = True
        started = 0
        for _ in range(64):
            try:
                pid = os.fork()
            except OSError as exc:
                print(f"fork refused after {started}: {exc}")
                break
            if pid == 0:
                time.sleep(20)
                os._exit(0)
            started += 1
            print(f"background pid: {pid}", flush=True)
    return 1234.5
