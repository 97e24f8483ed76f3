# lossdrill: ex1
# Hostile: on its first call, prints 200 MB in 1 MB chunks, then returns the right value.
# A grader that buffers all of it, or stops draining the pipe, stalls or runs out of memory.
import sys

import numpy as np

_printed = False
CHUNK = "x" * (2**20 - 1) + "\n"  # 1 MiB per line
CHUNKS = 200


def mse(y_true, y_pred):
    global _printed
    if not _printed:
        _printed = True
        for _ in range(CHUNKS):
            sys.stdout.write(CHUNK)
        sys.stdout.flush()
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes differ")
    return float(np.mean((y_pred - y_true) ** 2))
