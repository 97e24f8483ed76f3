"""A student's feedback as Markdown: the report `lossdrill check` would have shown them, one
section per exercise. Hidden tests show their name, verdict and the message grading gave
them, never their inputs, expected values or details."""

from __future__ import annotations

from lossdrill.results import CheckResult

MARKS = {"passed": "✓", "failed": "✗", "error": "!", "skipped": "–"}
OUTPUT_SHOWN = 2000


def _fenced(text: str) -> str:
    """Text safe inside a ``` block (a learner may print backticks)."""
    return text.replace("```", "` ` `")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def student_feedback(student: str, name: str, results: list[CheckResult]) -> str:
    total = sum(r.score for r in results)
    most = sum(r.max_score for r in results)
    who = f"{name} ({student})" if name and name != student else student
    lines = [f"# Feedback for {who}", "", f"**Total: {total:g} / {most:g}**", ""]
    lines += ["| exercise | score | status |", "|---|---|---|"]
    lines += [f"| {r.exercise} · {_cell(r.title)} | {r.score:g}/{r.max_score:g} | {r.status} |"
              for r in results]
    for result in results:
        lines += ["", *exercise_section(result)]
    return "\n".join(lines) + "\n"


def exercise_section(result: CheckResult) -> list[str]:
    lines = [f"## {result.exercise} · {result.title} — {result.score:g}/{result.max_score:g}"]
    if result.file:
        lines += ["", f"File: `{result.file}`"]
    if result.status == "missing":
        lines += ["", result.diagnoses[0].message if result.diagnoses else "Not submitted."]
        return lines
    lines += ["", "| | test | kind | points | result |", "|---|---|---|---|---|"]
    explained: list[str] = []
    for test in result.tests:
        name = test.name + (" (hidden)" if test.hidden else "")
        message = test.message.strip()
        first = message.splitlines()[0] if message else ""
        lines.append(f"| {MARKS.get(test.status, '?')} | {_cell(name)} | {test.kind} | "
                     f"{test.score:g}/{test.max_score:g} | {_cell(first)} |")
        # A hidden test shows its verdict and message only; a visible one all there is.
        if not test.hidden and test.status != "passed" and (test.details or "\n" in message):
            body = [message, *(f"{key}: {value}" for key, value in test.details.items())]
            explained += ["", f"**{test.name}**", "", "```text", _fenced("\n".join(body)),
                          "```"]
    lines += explained
    if result.diagnoses:
        lines += ["", "**Diagnosis**", ""]
        lines += [f"- **{d.id}**: {d.message}" for d in result.diagnoses]
    output = result.learner_output.strip()
    if output:
        shown = output if len(output) <= OUTPUT_SHOWN else output[:OUTPUT_SHOWN] + "\n…"
        lines += ["", "Your code printed:", "", "```text", _fenced(shown), "```"]
    lines += ["", *(f"_{note}_" for note in result.notes)] if result.notes else []
    return lines
