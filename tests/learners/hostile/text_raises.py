# lossdrill: ex1
# Hostile text: an exception whose message and class name, and output printed as text and as
# raw bytes, hold terminal escapes (clear screen, set the title, ask the terminal to type its
# cursor position back), rich markup, lone surrogates, NUL and C1 controls, `]]>`, a formula,
# a bidi override, and GitHub workflow commands after a newline, a carriage return, blanks
# and a line separator. Every report must show all of it literally, and none may crash.
import sys

PAYLOAD = (
    "\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b[6n\x1b[5m [red]markup[/red] [link=https://example.com]x"
    "[/link] :warning: \ud800 \udcff \x00 \x08 \x9b31m \x7f ]]> <b>&amp;</b> \u202etxt.exe"
    " =HYPERLINK(\"http://example.com\") %0A%25"
    "\n::error file=forged.py,line=1::forged error"
    "\n  ::add-mask::hidden"
    "\r::warning::after a carriage return"
    "\n##[set-output name=result]forged"
    "\u2028::notice::after a line separator"
)
# print() cannot write a lone surrogate (the output is strict UTF-8); raw bytes say the rest.
PRINTABLE = PAYLOAD.replace("\ud800", "?").replace("\udcff", "?")
RAW = b"\xff\xfe\x1b]0;raw\x07 \xc2\x9b31m \xed\xa0\x80 bytes\n::error::raw bytes\n"


class Hostile(Exception):
    pass


Hostile.__name__ = Hostile.__qualname__ = "Hostile\x1b]0;class\x07[red]x[/red]\n::error::class"


def _shout():
    print(PRINTABLE, flush=True)
    sys.stdout.buffer.write(RAW)
    sys.stdout.buffer.flush()


_shout()


def mse(y_true, y_pred):
    _shout()
    raise Hostile(PAYLOAD)
