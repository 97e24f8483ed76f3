# lossdrill: ex1
# Hostile: prints text that imitates a passing report, through every route to the
# terminal it can find (print, sys.__stdout__/__stderr__, raw file descriptors 1 and 2),
# then returns a wrong value.
import json
import os
import sys

FAKE_TEXT = (
    "✓ all tests passed\n"
    "score 10/10\n"
    '{"status": "passed"}\n'
)
FAKE_DOC = json.dumps(
    {
        "lossdrill": "0.1.0", "exercise": "ex1", "slug": "mse", "title": "Mean squared error",
        "file": "fake_report.py", "status": "passed", "score": 10.0, "max_score": 10.0,
        "seed": 7, "tests": [], "diagnoses": [], "learner_output": "", "duration_s": 0.01,
    }
)


def _shout():
    payload = FAKE_TEXT + FAKE_DOC + "\n"
    print(payload, end="", flush=True)
    print(payload, end="", file=sys.stderr, flush=True)
    for stream in (sys.__stdout__, sys.__stderr__):
        try:
            stream.write(payload)
            stream.flush()
        except Exception:
            pass
    for fd in (1, 2):
        try:
            os.write(fd, payload.encode())
        except OSError:
            pass


_shout()


def mse(y_true, y_pred):
    _shout()
    return -1.0  # wrong for every input
