"""The command line: parse, call the core, render. Nothing else lives here.

Exit codes: 0 success, 1 the learner's work failed, 2 bad invocation or bad input (one line
on stderr naming the file and the fix, never a traceback). Heavy modules are imported inside
the commands that need them, so `lossdrill --help` and `lossdrill list` stay quick.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lossdrill import __version__
from lossdrill.classroom.commands import register as register_classroom
from lossdrill.errors import LossdrillError, UsageError

if TYPE_CHECKING:
    from lossdrill.catalog import Catalog

app = typer.Typer(
    name="lossdrill",
    help="Learn machine-learning loss functions by writing them: exercises graded in a second.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PackOption = typer.Option(None, "--pack", help="Exercise folder to use instead of the built-in "
                          "pack (also LOSSDRILL_EXERCISES).", show_default=False)
JsonOption = typer.Option(False, "--json", help="Print one JSON document on stdout.")


def _catalog(pack: Path | None) -> Catalog:
    from lossdrill.catalog import Catalog, find_pack

    return Catalog(find_pack(pack))


def _parse_memory(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text.lower())
    if not match:
        raise UsageError(f"--memory {text!r}: expected a size such as 512M or 2G")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[match.group(2)]
    size = int(float(match.group(1)) * scale)
    if size < 64 << 20:
        raise UsageError(f"--memory {text!r}: at least 64M is needed to run Python with NumPy")
    return size


@app.command("list")
def list_exercises(
    as_json: bool = JsonOption,
    pack: Path | None = PackOption,
) -> None:
    """List the exercises, with your progress in this folder."""
    from lossdrill.progress import Progress

    exercises = _catalog(pack).all()
    progress = Progress()
    if as_json:
        doc = {"lossdrill": __version__, "exercises": [
            {"id": e.id, "slug": e.slug, "title": e.title, "difficulty": e.difficulty,
             "topics": list(e.topics), "max_score": e.max_score,
             "progress": progress.data.get(e.id, {})} for e in exercises]}
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    from lossdrill.report import make_console, render_list

    _warn(progress.warning)
    render_list(make_console(), exercises, progress.data)


@app.command()
def show(
    exercise: str = typer.Argument(..., help="Exercise id or slug (ex3, hinge)."),
    pack: Path | None = PackOption,
) -> None:
    """Show an exercise: its statement, the functions to write, its tests."""
    from lossdrill.report import make_console, render_exercise

    render_exercise(make_console(), _catalog(pack).get(exercise))


@app.command()
def start(
    exercise: str = typer.Argument(..., help="Exercise id or slug."),
    path: Path | None = typer.Argument(None, help="File or folder to write (default: ./exN.py)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    pack: Path | None = PackOption,
) -> None:
    """Write a starter file for an exercise (never overwrites without --force)."""
    from lossdrill.starter import write_starter

    ex = _catalog(pack).get(exercise)
    target = write_starter(ex, path, force=force)
    typer.echo(f"wrote {target} — implement {', '.join(ex.function_names)}, then run "
               f"`lossdrill check {target}`")


@app.command()
def hint(
    exercise: str = typer.Argument(..., help="Exercise id or slug."),
    pack: Path | None = PackOption,
) -> None:
    """Show the next hint of the exercise's ladder (the hints used are recorded)."""
    from lossdrill.progress import Progress

    ex = _catalog(pack).get(exercise)
    progress = Progress()
    _warn(progress.warning)
    used = int(progress.exercise(ex.id).get("hints_used", 0))
    shown = min(used + 1, len(ex.hints))
    for number, text in enumerate(ex.hints[:shown], start=1):
        marker = "→" if number == shown else " "
        typer.echo(f"{marker} hint {number}/{len(ex.hints)}: {text.strip()}")
    if used >= len(ex.hints):
        typer.echo("(that was the last hint)")
    progress.record_hint(ex.id, shown)


@app.command()
def check(
    file: Path = typer.Argument(..., help="Your Python file."),
    exercise: str | None = typer.Option(None, "--exercise", "-e",
                                           help="Exercise id or slug (default: from the "
                                           "`# lossdrill: exN` header or the file name)."),
    as_json: bool = JsonOption,
    seed: int | None = typer.Option(None, "--seed", help="Seed for the hidden randomised "
                                       "tests (default: a fresh one, reported)."),
    timeout: float | None = typer.Option(None, "--timeout", min=0.1,
                                            help="Seconds per call and for the import "
                                            "(default: the exercise's, usually 10)."),
    memory: str = typer.Option("1G", "--memory", help="Memory cap for your code."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also say which protections were in force."),
    pack: Path | None = PackOption,
) -> None:
    """Grade a file: exit 0 when every test passes, 1 when not."""
    # Start the learner process first: it imports NumPy while the grader loads the spec.
    from lossdrill.sandbox.process import LearnerProcess

    cap = _parse_memory(memory)
    if not file.exists():
        raise UsageError(f"{file}: no such file; check the path (or `lossdrill start EX` "
                         "to create one)")
    if file.is_dir():
        raise UsageError(f"{file}: is a folder; pass the Python file to check")
    process = LearnerProcess(memory=cap).start()
    try:
        ex = _catalog(pack).infer(file, exercise)
        from lossdrill.grading import check_file

        result = check_file(ex, file.resolve(), seed=seed, timeout=timeout, memory=cap,
                            process=process)
    finally:
        process.close()
    result.file = str(file)
    from lossdrill.progress import Progress

    progress = Progress()
    progress.record_check(ex.id, result.score, result.passed)
    if as_json:
        typer.echo(json.dumps(result.to_dict(__version__), ensure_ascii=False))
    else:
        from lossdrill.report import make_console, render_check

        _warn(progress.warning)
        render_check(make_console(), result, verbose)
    raise typer.Exit(0 if result.passed else 1)


@app.command()
def validate(
    directory: Path | None = typer.Argument(None, help="Exercise pack to check (default: "
                                               "the built-in one)."),
    seeds: int = typer.Option(20, "--seeds", min=1, help="Fresh seeds each reference must "
                              "pass under."),
) -> None:
    """Lint an exercise pack: specs load, references pass, starters fail, mistakes are named."""
    from lossdrill.catalog import find_pack
    from lossdrill.report import make_console, render_findings
    from lossdrill.validate import validate_pack

    findings = validate_pack(find_pack(directory), seeds=seeds)
    render_findings(make_console(), findings)
    raise typer.Exit(0 if all(f.ok for f in findings) else 1)


register_classroom(app)


def _warn(message: str) -> None:
    if message:
        typer.echo(f"lossdrill: warning: {message}", err=True)


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except LossdrillError as exc:
        typer.echo(f"lossdrill: error: {exc}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("lossdrill: aborted", err=True)
        sys.exit(130)
    except Exception as exc:
        # Usage errors of the command-line parser (click's, vendored or not) know how to
        # show themselves and their exit code (2).
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            sys.exit(exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)
