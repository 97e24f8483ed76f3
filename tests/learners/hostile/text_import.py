# lossdrill: ex1
# Hostile text: the import itself fails with a message of terminal escapes, rich markup,
# lone surrogates, XML's forbidden characters and GitHub workflow commands (the report
# quotes its last line, which starts with blanks and an older-form command).
raise RuntimeError(
    "\n::error file=forged.py::forged\r::warning::cr"
    "\n  ##[set-output name=result]x \x1b]0;pwned\x07\x1b[6n\x1b[2J [red]markup[/red]"
    " \ud800 \udcff \x00 \x9b ]]> =1+1"
)
