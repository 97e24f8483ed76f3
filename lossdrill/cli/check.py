"""`lossdrill check`: grade one file, record the attempt, report. The Typer command calls
`run`; so does the console entry directly for a plain `lossdrill check FILE [options]`
(fastpath.py), so that the common case pays for no command-line framework. Returns the exit
code: 0 every test passed, 1 not; bad input raises a LossdrillError (exit 2)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lossdrill.cli.options import learner_file
from lossdrill.errors import LossdrillError, UsageError, report
from lossdrill.i18n import _

if TYPE_CHECKING:
    from lossdrill.service.launcher import Launcher
    from lossdrill.service.options import Options

FORMATS = ("text", "json", "junit", "gradescope", "github")


def run(file: Path, exercise: str | None = None, as_json: bool = False, fmt: str = "text",
        seed: int | None = None, timeout: float | None = None, memory: int | None = None,
        verbose: bool = False, pack: Path | None = None, lang: str | None = None) -> int:
    from lossdrill.cli.options import use_language
    from lossdrill.cli.ranges import default_memory

    use_language(lang)  # first: every message from here on is in it
    from lossdrill.service.launcher import Launcher
    from lossdrill.service.options import Options, learner_terms

    fmt = "json" if as_json else fmt.lower()
    if fmt not in FORMATS:
        raise UsageError(_("--format {fmt}: expected one of {choices}", fmt=repr(fmt),
                           choices=", ".join(FORMATS)))
    cap = memory or default_memory()
    learner_file(file, "check")
    options = Options(seed=seed, timeout=timeout, memory=cap, plot=fmt == "text",
                      label=str(file))
    # The learner process started first thing (cli/launch.py) is taken now: it imports NumPy
    # while the grader loads the spec, and is stopped when its tests end, torn down while the
    # report is drawn.
    launcher = Launcher()
    try:
        launcher.prepare(learner_terms(None, options))
        return _check(launcher, file, exercise, fmt, options, verbose, pack)
    finally:
        launcher.close()


def _check(launcher: Launcher, file: Path, exercise: str | None, fmt: str, options: Options,
           verbose: bool, pack: Path | None) -> int:
    from lossdrill.service.options import learner_terms
    from lossdrill.spec.catalog import Catalog, find_pack

    found = find_pack(pack)
    # A notebook's code is gathered into a file first; a file is confined and imported
    # meanwhile, on the other core, on the terms grading asks for.
    launcher.prepare(learner_terms(found, options),
                     preload=None if file.suffix.lower() == ".ipynb" else file.resolve())
    from lossdrill.service.grade import grade, infer

    graded = grade(infer(Catalog(found), file, exercise), file, options, launcher)
    ex, result, sweep = graded.exercise, graded.result, graded.sweep
    from lossdrill.grading.reference import release_note
    from lossdrill.learner.progress import Progress

    progress = Progress()
    progress.record_check(ex.id, result.score, result.passed)
    note = release_note(ex)  # a student pack: the hidden tests run at grading
    if fmt != "text":
        from lossdrill import __version__
        from lossdrill.render.formats import render

        _write_utf8(render(result, fmt, __version__, [note] if note else []) + "\n")
    if fmt == "github":  # annotations for the job's log, where the report goes too
        from lossdrill.render.formats import github_annotations

        sys.stderr.write(github_annotations(result))
        sys.stderr.flush()
    if fmt in ("text", "github"):
        from lossdrill.render.terminal import make_console, render_check

        console = make_console(github=fmt == "github")
        warn(progress.warning)
        render_check(console, result, verbose, sweep)
        if note:
            console.print(note, style="dim", highlight=False, soft_wrap=True)
    return 0 if result.passed else 1


def _write_utf8(document: str) -> None:
    """A machine-readable document on stdout in UTF-8, whatever the locale's encoding: JSON
    must be, and the XML declares it."""
    sys.stdout.flush()
    raw = getattr(sys.stdout, "buffer", None)
    if raw is None:  # a text-only stream stood in for stdout
        sys.stdout.write(document)
    else:
        raw.write(document.encode("utf-8"))
        raw.flush()


def run_guarded(arguments: dict[str, Any]) -> int:
    """`run` as the console entry calls it (fastpath.py): bad input said in one line, exit 2."""
    try:
        return run(**arguments)
    except LossdrillError as exc:
        return report(exc)
    except KeyboardInterrupt:
        print(_("lossdrill: aborted"), file=sys.stderr)
        return 130


def warn(message: str) -> None:
    if message:
        print(_("lossdrill: warning: {message}", message=message), file=sys.stderr)
