"""How GitHub's runner reads a step's log, for the tests that prove no learner text becomes a
workflow command."""

from __future__ import annotations


def runner_commands(log: str) -> list[str]:
    """The lines GitHub's runner would take for workflow commands: it splits at \\n and \\r,
    takes a line whose start (blanks trimmed) is `::` and that has a second `::`, or a line
    holding `##[` with a `]` after it (the older form, anywhere in the line)."""
    found = []
    for line in log.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        trimmed = line.lstrip()
        current = trimmed.startswith("::") and "::" in trimmed[2:]
        older = "##[" in line and "]" in line[line.index("##[") + 3:]
        if current or older:
            found.append(line)
    return found
