# lossdrill: ex1
# Hostile: tries to leave files outside its own temporary folder — beside the learner's file,
# in /tmp, in the grader's working folder and in the progress file — then answers wrongly.
# Under confinement every write is refused; it reports what happened.
import os

import numpy as np

MARK = "lossdrill-hostile-was-here"
HERE = os.path.dirname(os.path.abspath(__file__))


def _targets():
    yield os.path.join(HERE, "written_by_learner.txt")
    yield os.path.join("/tmp", "lossdrill-hostile-write.txt")
    yield os.path.join(os.environ.get("PWD", "/"), "written_by_learner.txt")
    yield os.path.join(os.environ.get("PWD", "/"), ".lossdrill", "progress.json")


def mse(y_true, y_pred):
    report = []
    for target in _targets():
        try:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(MARK)
            report.append(f"wrote {target}")
        except OSError as exc:
            report.append(f"refused {target}: {type(exc).__name__}")
    print("\n".join(report))
    return 1234.5
