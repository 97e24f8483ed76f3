# lossdrill: ex1
# Hostile: sends SIGTERM to its parent (the grader, or whatever started the learner
# process) from inside the call, then returns a wrong value. The grader must survive and
# still report. The one guard: never signal pid 1 (init), which is what the parent becomes
# once the real parent is gone.
import os
import signal


def mse(y_true, y_pred):
    parent = os.getppid()
    if parent > 1:
        try:
            os.kill(parent, signal.SIGTERM)
        except OSError:
            pass
    return 42.0  # wrong for every input
