"""A student's feedback as Markdown: the report `lossdrill check` would have shown them, one
section per exercise. Hidden tests show their name, verdict and the message grading gave
them, never their inputs, expected values or details.

Names, file names, messages and printed output are the learner's text: whatever they hold,
they read as written and never as Markdown or HTML. Each is first made visible
(escape.visible: controls, bidi overrides and a name's bytes that are not UTF-8 as escapes);
then prose has Markdown's inline markup characters backslash-escaped, a file name goes in a
code span, and a block in a code fence longer than any run of backticks in it.
"""

from __future__ import annotations

import re

from lossdrill.escape import visible
from lossdrill.grading.results import CheckResult

MARKS = {"passed": "✓", "failed": "✗", "error": "!", "skipped": "–"}
OUTPUT_SHOWN = 2000
# Inline markup: emphasis, code, links and images, HTML and entities, table cells,
# strikethrough; and what starts an autolink (`https://`, `www.`).
_MARKUP = re.compile(r"[\\`*_\[\]<>!|~&]|(?<=[A-Za-z]):(?=//)|(?<=\bwww)\.")
_BACKTICKS = re.compile(r"`+")


def _prose(text: str) -> str:
    """Text, on one line, that Markdown shows as it is (in a table cell too)."""
    text = " ".join(visible(text).split("\n"))
    return _MARKUP.sub(lambda match: "\\" + match.group(), text)


def _longest_backticks(text: str) -> int:
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)


def _code(text: str) -> str:
    """A code span holding ``text`` on one line, whatever backticks it holds."""
    text = visible(text, one_line=True)
    ticks = "`" * (_longest_backticks(text) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _fenced(text: str) -> list[str]:
    """A fenced block showing ``text`` as it is: its fence is longer than any backtick run
    in it, so no line of it can close the block."""
    text = visible(text)
    fence = "`" * max(3, _longest_backticks(text) + 1)
    return [f"{fence}text", text, fence]


def student_feedback(student: str, name: str, results: list[CheckResult]) -> str:
    total = sum(r.score for r in results)
    most = sum(r.max_score for r in results)
    who = f"{name} ({student})" if name and name != student else student
    lines = [f"# Feedback for {_prose(who)}", "", f"**Total: {total:g} / {most:g}**", ""]
    lines += ["| exercise | score | status |", "|---|---|---|"]
    lines += [f"| {_prose(r.exercise)} · {_prose(r.title)} | {r.score:g}/{r.max_score:g} | "
              f"{_prose(r.status)} |" for r in results]
    for result in results:
        lines += ["", *exercise_section(result)]
    return "\n".join(lines) + "\n"


def exercise_section(result: CheckResult) -> list[str]:
    lines = [f"## {_prose(result.exercise)} · {_prose(result.title)} — "
             f"{result.score:g}/{result.max_score:g}"]
    if result.file:
        lines += ["", f"File: {_code(result.file)}"]
    if result.status == "missing":
        lines += ["", _prose(result.diagnoses[0].message) if result.diagnoses
                  else "Not submitted."]
        return lines
    lines += ["", "| | test | kind | points | result |", "|---|---|---|---|---|"]
    explained: list[str] = []
    for test in result.tests:
        name = test.name + (" (hidden)" if test.hidden else "")
        message = test.message.strip()
        first = message.splitlines()[0] if message else ""
        lines.append(f"| {MARKS.get(test.status, '?')} | {_prose(name)} | {_prose(test.kind)} "
                     f"| {test.score:g}/{test.max_score:g} | {_prose(first)} |")
        # What grading gave the test (of a hidden one, its verdict and message only).
        if test.status != "passed" and (test.details or "\n" in message):
            body = [message, *(f"{key}: {value}" for key, value in test.details.items())]
            explained += ["", f"**{_prose(test.name)}**", "", *_fenced("\n".join(body))]
    lines += explained
    if result.diagnoses:
        lines += ["", "**Diagnosis**", ""]
        lines += [f"- **{_prose(d.id)}**: {_prose(d.message)}" for d in result.diagnoses]
    output = result.learner_output.strip()
    if output:
        shown = output if len(output) <= OUTPUT_SHOWN else output[:OUTPUT_SHOWN] + "\n…"
        lines += ["", "Your code printed:", "", *_fenced(shown)]
    lines += ["", *(f"_{_prose(note)}_" for note in result.notes)] if result.notes else []
    return lines
