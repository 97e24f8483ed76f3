# lossdrill: ex1
# Hostile text: returns an object whose class name holds terminal escapes, rich markup, a C1
# control, `]]>` and a GitHub workflow command after a newline, so the grader's own message
# ("returned a …") carries them; it also prints them. (A class name cannot hold a lone
# surrogate or NUL: Python refuses them.)
import sys

NAME = "Evil\x1b]0;pwned\x07\x1b[6n[red]markup[/red]\x9b]]>\n::error::returned"


class Evil:
    pass


Evil.__name__ = Evil.__qualname__ = NAME


def mse(y_true, y_pred):
    sys.stdout.write(NAME + "\n")
    return Evil()
