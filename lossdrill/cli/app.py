"""The command line: parse, call the core, render. Nothing else lives here.

Exit codes: 0 success, 1 the learner's work failed, 2 bad invocation or bad input (one line
on stderr naming the file and the fix, never a traceback). Heavy modules are imported inside
the commands that need them, so `lossdrill --help` and `lossdrill list` stay quick.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lossdrill import __version__
from lossdrill.cli.check import warn
from lossdrill.cli.classroom import register as register_classroom
from lossdrill.cli.ranges import (
    MAX_SEED,
    MAX_SEEDS,
    MAX_TIMEOUT,
    MIN_MEMORY,
    MIN_TIMEOUT,
    parse_memory,
    parse_seed,
    parse_seeds,
    parse_timeout,
    size_text,
)
from lossdrill.errors import LossdrillError, UsageError, report
from lossdrill.escape import visible
from lossdrill.i18n import _

if TYPE_CHECKING:
    from lossdrill.spec.catalog import Catalog

app = typer.Typer(
    name="lossdrill",
    help="Learn machine-learning loss functions by writing them: exercises graded in a second. "
    "With no command: the next exercise, your progress, and how to go on.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PackOption = typer.Option(None, "--pack", help="Exercise folder to use instead of the built-in "
                          "pack (also LOSSDRILL_EXERCISES).", show_default=False)
JsonOption = typer.Option(False, "--json", help="Print one JSON document on stdout.")
# Numbers are read by lossdrill.cli.ranges, as the fast path of `check` reads them (quickargs.py).
SeedOption = typer.Option(None, "--seed", parser=parse_seed, metavar="N",
                          help=f"Seed for the hidden randomised tests, 0 to {MAX_SEED} "
                          "(default: a fresh one each check, reported).", show_default=False)
TimeoutOption = typer.Option(None, "--timeout", parser=parse_timeout, metavar="SECONDS",
                             help=f"Seconds per call and for the import, {MIN_TIMEOUT:g} to "
                             f"{MAX_TIMEOUT:g} (default: the exercise's, usually 10).",
                             show_default=False)
MemoryOption = typer.Option(None, "--memory", parser=parse_memory, metavar="SIZE",
                            help="Memory cap for your code, such as 512M or 2G: at least "
                            f"{size_text(MIN_MEMORY)}, at most the machine's memory (default: "
                            "1G, or the machine's memory if less).", show_default=False)


def _catalog(pack: Path | None) -> Catalog:
    from lossdrill.spec.catalog import Catalog, find_pack

    return Catalog(find_pack(pack))


@app.callback(invoke_without_command=True)
def dashboard(
    ctx: typer.Context,
    pack: Path | None = typer.Option(None, "--pack", help="Exercise folder for this command "
                                     "and the ones it names (as LOSSDRILL_EXERCISES).",
                                     show_default=False),
    lang: str | None = typer.Option(None, "--lang", help="Language of the output: en or zh "
                                    "(default: LOSSDRILL_LANG, else the locale, else en).",
                                    show_default=False),
) -> None:
    """With no command: where you are (the next exercise, your progress) and how to go on."""
    from lossdrill.i18n import LANGUAGES, set_language

    if lang is not None:
        if lang.lower() not in LANGUAGES:
            raise UsageError(_("--lang {lang}: expected one of {choices}", lang=repr(lang),
                               choices=", ".join(LANGUAGES)))
        # The variable also reaches the child graders of watch mode.
        os.environ["LOSSDRILL_LANG"] = lang.lower()
        set_language(lang.lower())
    if pack is not None:
        # `lossdrill --pack DIR list` means what `LOSSDRILL_EXERCISES=DIR lossdrill list`
        # does; the variable also reaches the child graders of watch mode.
        os.environ["LOSSDRILL_EXERCISES"] = str(pack)
    if ctx.invoked_subcommand is not None:
        return
    from lossdrill.learner.progress import Progress, summarise
    from lossdrill.learner.screens import render_dashboard
    from lossdrill.render.terminal import make_console

    progress = Progress()
    warn(progress.warning)
    render_dashboard(make_console(), summarise(_catalog(None).all(), progress.data), Path.cwd())


@app.command("list")
def list_exercises(
    as_json: bool = JsonOption,
    pack: Path | None = PackOption,
) -> None:
    """List the exercises, with your progress in this folder."""
    from lossdrill.learner.progress import Progress

    exercises = _catalog(pack).all()
    progress = Progress()
    if as_json:
        doc = {"lossdrill": __version__, "exercises": [
            {"id": e.id, "slug": e.slug, "title": e.title, "difficulty": e.difficulty,
             "topics": list(e.topics), "max_score": e.max_score,
             "progress": progress.data.get(e.id, {})} for e in exercises]}
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    from lossdrill.render.terminal import make_console, render_list

    warn(progress.warning)
    render_list(make_console(), exercises, progress.data)


@app.command()
def show(
    exercise: str = typer.Argument(..., help="Exercise id or slug (ex3, hinge)."),
    plot: bool = typer.Option(False, "--plot", help="Also draw the loss curve (a table where "
                              "the terminal cannot show a plot)."),
    pack: Path | None = PackOption,
) -> None:
    """Show an exercise: its statement, the functions to write, its tests."""
    from lossdrill.render.terminal import make_console, render_exercise

    catalog = _catalog(pack)
    ex = catalog.get(exercise)
    if plot and ex.plot is None:
        with_plot = [e.id for e in catalog.all() if e.plot is not None]
        raise UsageError(_("{path}: {id} has no `plot` key, so no curve to draw; drop --plot "
                           "(curves: {curves})", path=ex.path, id=ex.id,
                           curves=", ".join(with_plot) or _("none in this pack")))
    console = make_console()
    render_exercise(console, ex)
    if plot:
        from lossdrill.grading.curves import reference_sweep
        from lossdrill.render.plots import render_sweep

        assert ex.plot is not None
        console.print()
        from lossdrill.i18n import language

        axis = ex.text("plot.x", language()) if ex.plot.x else ex.plot.sweep
        render_sweep(console, reference_sweep(ex),
                     _("{function} against {axis}", function=ex.plot.function, axis=axis))


@app.command()
def start(
    exercise: str = typer.Argument(..., help="Exercise id or slug."),
    path: Path | None = typer.Argument(None, help="File or folder to write (default: ./exN.py)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    pack: Path | None = PackOption,
) -> None:
    """Write a starter file for an exercise (never overwrites without --force)."""
    from lossdrill.spec.starter import write_starter

    ex = _catalog(pack).get(exercise)
    target = write_starter(ex, path, force=force)
    typer.echo(_("wrote {target} — implement {functions}, then run `lossdrill check {target}`",
                 target=target, functions=", ".join(ex.function_names)))


@app.command()
def hint(
    exercise: str = typer.Argument(..., help="Exercise id or slug."),
    pack: Path | None = PackOption,
) -> None:
    """Show the next hint of the exercise's ladder (the hints used are recorded)."""
    from lossdrill.learner.progress import Progress
    from lossdrill.learner.screens import hint_lines

    ex = _catalog(pack).get(exercise)
    progress = Progress()
    warn(progress.warning)
    lines, shown = hint_lines(ex, progress.hints_used(ex.id))
    for line in lines:
        typer.echo(line)
    progress.record_hint(ex.id, shown)


@app.command("progress")
def progress_summary(
    as_json: bool = JsonOption,
    pack: Path | None = PackOption,
) -> None:
    """Summarise your progress in this folder: checks, first pass, best score, hints."""
    from lossdrill.learner.progress import Progress, summarise

    progress = Progress()
    summary = summarise(_catalog(pack).all(), progress.data)
    if as_json:
        typer.echo(json.dumps({"lossdrill": __version__, **summary.to_dict()}, indent=2,
                              ensure_ascii=False))
        return
    from lossdrill.learner.screens import render_progress
    from lossdrill.render.terminal import make_console

    warn(progress.warning)
    render_progress(make_console(), summary)


@app.command()
def watch(
    file: Path = typer.Argument(..., help="Your Python file (or notebook) to re-check on "
                                "every save."),
    exercise: str | None = typer.Option(None, "--exercise", "-e",
                                           help="Exercise id or slug (default: from the "
                                           "`# lossdrill: exN` header or the file name)."),
    seed: int | None = SeedOption,
    timeout: float | None = TimeoutOption,
    memory: int | None = MemoryOption,
    pack: Path | None = PackOption,
) -> None:
    """Re-check a file on every save; keys: h hint, s statement, n next, l list, q quit."""
    from lossdrill.cli.ranges import default_memory
    from lossdrill.learner.watch import Options
    from lossdrill.learner.watch import watch as watch_file

    cap = memory or default_memory()
    if file.is_dir():
        raise UsageError(_("{file}: is a folder; pass the Python file to watch", file=file))
    if not file.exists():
        raise UsageError(_("{file}: no such file; check the path (or `lossdrill start EX` "
                           "to create one)", file=file))
    from lossdrill.service.grade import infer

    catalog = _catalog(pack)
    ex = infer(catalog, file, exercise)
    from lossdrill.render.terminal import make_console

    options = Options(pack, seed, timeout, cap)
    raise typer.Exit(watch_file(make_console(), catalog, ex, file, options))


@app.command()
def check(
    file: Path = typer.Argument(..., help="Your Python file (or Jupyter notebook)."),
    exercise: str | None = typer.Option(None, "--exercise", "-e",
                                           help="Exercise id or slug (default: from the "
                                           "`# lossdrill: exN` header or the file name)."),
    as_json: bool = JsonOption,
    fmt: str = typer.Option("text", "--format", help="text, json (as --json), junit, "
                            "gradescope (results.json), or github (GitHub Classroom's runner "
                            "result, base64; the report goes to stderr)."),
    seed: int | None = SeedOption,
    timeout: float | None = TimeoutOption,
    memory: int | None = MemoryOption,
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also say which protections were in force."),
    pack: Path | None = PackOption,
) -> None:
    """Grade a file: exit 0 when every test passes, 1 when not."""
    from lossdrill.cli.check import run

    raise typer.Exit(run(file, exercise, as_json, fmt, seed, timeout, memory, verbose, pack))


@app.command()
def validate(
    directory: Path | None = typer.Argument(None, help="Exercise pack to check (default: "
                                               "the built-in one)."),
    seeds: int = typer.Option("20", "--seeds", parser=parse_seeds, metavar="N",
                              help=f"Fresh seeds each reference must pass under, 1 to "
                              f"{MAX_SEEDS}."),
) -> None:
    """Lint an exercise pack: specs load, references pass, starters fail, mistakes are named."""
    from lossdrill.grading.validate import validate_pack
    from lossdrill.render.terminal import make_console, render_findings
    from lossdrill.spec.catalog import find_pack

    findings = validate_pack(find_pack(directory), seeds=seeds)
    render_findings(make_console(), findings)
    raise typer.Exit(0 if all(f.ok for f in findings) else 1)


register_classroom(app)


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except LossdrillError as exc:
        sys.exit(report(exc))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo(_("lossdrill: aborted"), err=True)
        sys.exit(130)
    except OSError as exc:
        # What the system refused once a command was under way (a disk full, a folder
        # removed meanwhile): the file and the reason, in one line.
        if exc.filename is None:
            raise
        sys.exit(report(LossdrillError(_("{file}: {reason}; check the path, its permissions "
                                         "and the free space", file=visible(
                                             os.fsdecode(exc.filename), one_line=True),
                                         reason=exc.strerror))))
    except Exception as exc:
        sys.exit(_usage_error(exc))
    sys.exit(code if isinstance(code, int) else 0)


def _usage_error(exc: Exception) -> int:
    """A usage error of the command-line parser (click's, vendored in Typer: an unknown
    option, a missing argument) in one line, as every bad input is said; anything else is a
    fault of lossdrill and raised again."""
    message, exit_code = getattr(exc, "format_message", None), getattr(exc, "exit_code", None)
    if not callable(message) or not isinstance(exit_code, int):
        raise exc
    if type(exc).__name__ == "NoArgsIsHelpError":  # a group called bare: its help, as asked
        exc.show()  # type: ignore[attr-defined]
        return exit_code
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "lossdrill"
    typer.echo(_("lossdrill: error: {message}; see `{command} --help`",
                 message=visible(" ".join(str(message()).split()).rstrip("."),
                                 one_line=True),
                 command=command), err=True)
    return exit_code
