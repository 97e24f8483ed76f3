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
from typing import Any

import typer

from lossdrill import __version__
from lossdrill.cli.check import warn
from lossdrill.cli.classroom import register as register_classroom
from lossdrill.cli.options import (
    CHECK,
    EXERCISE,
    EXERCISE_NAME,
    JSON,
    LANG,
    LEARNER_FILE,
    MEMORY,
    PACK,
    SEED,
    TIMEOUT,
    everywhere,
    learner_file,
    open_catalog,
    takes,
    use_language,
    use_pack,
)
from lossdrill.cli.ranges import MAX_SEEDS, parse_seeds
from lossdrill.errors import LossdrillError, UsageError, report
from lossdrill.escape import visible
from lossdrill.i18n import _

app = typer.Typer(
    name="lossdrill",
    help="Learn machine-learning loss functions by writing them: exercises graded in a second. "
    "With no command: the next exercise, your progress, and how to go on.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback(invoke_without_command=True)
def dashboard(
    ctx: typer.Context,
    pack: Path | None = PACK.but(help="Exercise folder for this command and the ones it names "
                                 "(as LOSSDRILL_EXERCISES).").typer(),
    lang: str | None = LANG.typer(),
) -> None:
    """With no command: where you are (the next exercise, your progress) and how to go on."""
    use_language(lang)
    use_pack(pack)  # `lossdrill --pack DIR list` is `LOSSDRILL_EXERCISES=DIR lossdrill list`
    if ctx.invoked_subcommand is not None:
        return
    from lossdrill.learner.progress import Progress, summarise
    from lossdrill.learner.screens import render_dashboard
    from lossdrill.render.terminal import make_console

    progress = Progress()
    warn(progress.warning)
    render_dashboard(make_console(), summarise(open_catalog(None).all(), progress.data), Path.cwd())


@app.command("list")
def list_exercises(
    as_json: bool = JSON.typer(),
    pack: Path | None = PACK.typer(),
) -> None:
    """List the exercises, with your progress in this folder."""
    from lossdrill.learner.progress import Progress

    exercises = open_catalog(pack).all()
    progress = Progress()
    if as_json:
        from lossdrill.spec.topics import section_of

        doc = {"lossdrill": __version__, "exercises": [
            {"id": e.id, "slug": e.slug, "title": e.title, "difficulty": e.difficulty,
             "topics": list(e.topics), "section": section_of(e), "max_score": e.max_score,
             "progress": progress.data.get(e.id, {})} for e in exercises]}
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    from lossdrill.render.terminal import make_console, render_list

    warn(progress.warning)
    render_list(make_console(), exercises, progress.data)


@app.command()
def show(
    exercise: str = EXERCISE_NAME.typer(),
    plot: bool = typer.Option(False, "--plot", help="Also draw the loss curve (a table where "
                              "the terminal cannot show a plot)."),
    pack: Path | None = PACK.typer(),
) -> None:
    """Show an exercise: its statement, the functions to write, its tests."""
    from lossdrill.render.terminal import make_console, render_exercise

    exercises = open_catalog(pack)
    ex = exercises.get(exercise)
    if plot and ex.plot is None:
        with_plot = [e.id for e in exercises.all() if e.plot is not None]
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
        sweep = reference_sweep(ex)
        render_sweep(console, sweep, _("{function} against {axis}", function=sweep.function,
                                       axis=axis))


@app.command()
def start(
    exercise: str = EXERCISE_NAME.typer(),
    path: Path | None = typer.Argument(None, help="File or folder to write (default: ./exN.py)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    pack: Path | None = PACK.typer(),
) -> None:
    """Write a starter file for an exercise (never overwrites without --force)."""
    from lossdrill.spec.starter import write_starter

    ex = open_catalog(pack).get(exercise)
    target = write_starter(ex, path, force=force)
    _say(_("wrote {target} — implement {functions}, then run `lossdrill check {target}`",
           target=target, functions=", ".join(ex.function_names)))


@app.command()
def hint(
    exercise: str = EXERCISE_NAME.typer(),
    pack: Path | None = PACK.typer(),
) -> None:
    """Show the next hint of the exercise's ladder (the hints used are recorded)."""
    from lossdrill.learner.progress import Progress
    from lossdrill.learner.screens import hint_lines

    ex = open_catalog(pack).get(exercise)
    progress = Progress()
    warn(progress.warning)
    lines, shown = hint_lines(ex, progress.hints_used(ex.id))
    for line in lines:
        _say(line)
    progress.record_hint(ex.id, shown)


def _say(line: str) -> None:
    """A line of prose, wrapped to the terminal (or COLUMNS, or 80 off one)."""
    from rich.text import Text

    from lossdrill.render.terminal import make_console
    from lossdrill.render.wrap import wrapping

    make_console().print(wrapping(Text(line)))


@app.command("progress")
def progress_summary(
    as_json: bool = JSON.typer(),
    pack: Path | None = PACK.typer(),
) -> None:
    """Summarise your progress in this folder: checks, first pass, best score, hints."""
    from lossdrill.learner.progress import Progress, summarise

    progress = Progress()
    summary = summarise(open_catalog(pack).all(), progress.data)
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
    file: Path = LEARNER_FILE.but(help="Your Python file (or notebook) to re-check on every "
                                  "save.").typer(),
    exercise: str | None = EXERCISE.typer(),
    seed: int | None = SEED.typer(),
    timeout: float | None = TIMEOUT.typer(),
    memory: int | None = MEMORY.typer(),
    pack: Path | None = PACK.typer(),
) -> None:
    """Re-check a file on every save; keys: h hint, s statement, n next, l list, q quit."""
    from lossdrill.cli.ranges import default_memory
    from lossdrill.learner.watch import Options
    from lossdrill.learner.watch import watch as watch_file

    cap = memory or default_memory()
    learner_file(file, "watch")
    from lossdrill.service.grade import infer

    exercises = open_catalog(pack)
    ex = infer(exercises, file, exercise)
    from lossdrill.render.terminal import make_console

    options = Options(pack, seed, timeout, cap)
    raise typer.Exit(watch_file(make_console(), exercises, ex, file, options))


@app.command()
@takes(CHECK)
def check(**given: Any) -> None:
    """Grade a file: exit 0 when every test passes, 1 when not."""
    from lossdrill.cli.check import run

    raise typer.Exit(run(**given))


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


@app.command()
def new(
    exercise: str = typer.Argument(..., metavar="ID", help="The new exercise's id: ex and its "
                                   "number, such as ex26."),
    slug: str = typer.Argument(..., metavar="SLUG", help="Its short name, as learners type "
                               "it: lowercase letters, digits and _, such as focal."),
    mistake: str | None = typer.Option(None, "--mistake", help="Id of the first mistake it "
                                       "diagnoses, such as sum-instead-of-mean (default: a "
                                       "placeholder to rename).", show_default=False),
    pack: Path | None = typer.Option(None, "--pack", help="The pack to add it to, the folder "
                                     "holding exercises/ and solutions/ (default: "
                                     "LOSSDRILL_EXERCISES, else the current folder).",
                                     show_default=False),
) -> None:
    """Write the skeleton of a new exercise: spec, reference with its mistakes, learner
    fixtures and a cross-check test, with TODOs to replace (never overwrites)."""
    from lossdrill.spec.skeleton import DEFAULT_MISTAKE, write_skeleton

    root = pack or Path(os.environ.get("LOSSDRILL_EXERCISES") or ".")
    written = write_skeleton(root, exercise, slug, mistake or DEFAULT_MISTAKE)
    for path in written:
        typer.echo(_("wrote {file}", file=path))
    typer.echo(_("next: replace every TODO (docs/authoring.md says what goes where), then run "
                 "`lossdrill validate {pack}` and `python -m pytest {test}`", pack=root,
                 test=written[-1]))


register_classroom(app)


def _everywhere(group: typer.Typer) -> None:
    """Every command of ``group`` and its subgroups takes --lang and --pack after its name."""
    for command in group.registered_commands:
        if command.callback is not None:
            command.callback = everywhere(command.callback)
    for subgroup in group.registered_groups:
        if subgroup.typer_instance is not None:
            _everywhere(subgroup.typer_instance)


_everywhere(app)


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
