# lossdrill: ex1
# Hostile: returns an object whose unpickling runs a shell command. The command is
# harmless: it creates the file named by $LOSSDRILL_TEST_MARKER (in the environment of
# whichever process unpickles it) and records that process's pid there. A grader that
# never unpickles learner data never creates the file.
import os


class Payload:
    def __reduce__(self):
        cmd = 'test -n "$LOSSDRILL_TEST_MARKER" && echo "$PPID" > "$LOSSDRILL_TEST_MARKER"'
        return (os.system, (cmd,))


def mse(y_true, y_pred):
    return Payload()
