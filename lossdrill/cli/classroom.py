"""The instructor's commands (grade, release, export), registered on the main app.

Parse and check every input first — a bad one is one line on stderr and exit 2, with nothing
written — then call the classroom modules. Heavy imports stay inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lossdrill.cli.options import EXERCISES, MEMORY, PACK, SECRET, TIMEOUT, open_catalog
from lossdrill.cli.ranges import JOBS_PER_CORE, cores, default_memory, parse_jobs, parse_threshold
from lossdrill.errors import UsageError
from lossdrill.i18n import _

if TYPE_CHECKING:
    from lossdrill.spec.catalog import Catalog
    from lossdrill.spec.model import Exercise

# An export holds no submissions: by default it carries the whole pack.
EXPORT_EXERCISES = EXERCISES.but(help="Comma-separated exercise ids or slugs to include "
                                 "(default: every exercise of the pack).")

export_app = typer.Typer(help="Write what an LMS or CI needs to grade with lossdrill.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the classroom commands to ``app``."""
    app.command("grade")(grade)
    app.command("release")(release)
    app.add_typer(export_app, name="export")


def _names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise UsageError(_("--exercises {text}: give exercise ids such as ex1,ex3",
                           text=repr(text)))
    return names


def _exercises(catalog: Catalog, names: list[str] | None) -> list[Exercise] | None:
    if names is None:
        return None
    found = []
    for name in names:
        try:
            found.append(catalog.get(name))
        except UsageError as exc:
            raise UsageError(_("--exercises: {error}", error=exc)) from None
    return found


def grade(
    submissions: Path = typer.Argument(..., help="Folder of submissions: a folder per student, "
                                       "flat files (alice_ex3.py), or a Gradescope/LMS export."),
    out: Path = typer.Option(Path("graded"), "--out", "-o", help="Where grades.csv, "
                             "results.json, feedback/, junit.xml and report.html (the class "
                             "as a page) go; an earlier output there keeps its other "
                             "exercises."),
    exercises: str | None = EXERCISES.but(help="Comma-separated exercise ids or slugs (default: "
                                          "every exercise the submissions name).").typer(),
    roster: Path | None = typer.Option(None, "--roster", help="CSV (comma, semicolon or tab) "
                                       "with an id column (and names): missing work scores 0, "
                                       "strangers are reported."),
    secret: str | None = SECRET.typer(),
    jobs: int | None = typer.Option(None, "--jobs", "-j", parser=parse_jobs, metavar="N",
                                    help=f"Checks run in parallel, 1 to {JOBS_PER_CORE} per core "
                                    "(default: one per core).", show_default=False),
    timeout: float | None = TIMEOUT.typer(),
    memory: int | None = MEMORY.typer(),
    similar: bool = typer.Option(False, "--similar", help="Report pairs of alike submissions "
                                 "(names, comments and literals aside; code most of the class "
                                 "shares is not evidence), rarest shared code first, and flag "
                                 "submissions that match the pack's reference solution."),
    threshold: float = typer.Option("0.95", "--similar-threshold", parser=parse_threshold,
                                    metavar="FRACTION", help="How alike a pair must be to be "
                                    "reported, 0.5 to 1 (a copy with renamed names and reordered "
                                    "functions scores 1; one with expressions rewritten too, "
                                    "about 0.9)."),
    fresh: bool = typer.Option(False, "--fresh", help="Ignore the cache: grade everything again."),
    pack: Path | None = PACK.typer(),
    dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS", help="Grade on a Dask "
                                    "cluster: a scheduler's address (tcp://host:8786), or "
                                    "local:N for a local cluster of N worker processes. Needs "
                                    'pip install "lossdrill[dask]".', show_default=False),
) -> None:
    """Grade a class in parallel: gradebook, feedback per student, LMS-ready exports."""
    from lossdrill.classroom.files import inside, writable_output
    from lossdrill.classroom.outfolder import check_output_folder
    from lossdrill.classroom.roster import read_roster
    from lossdrill.classroom.seeds import course_secret

    if not submissions.is_dir():
        raise UsageError(_("{folder}: no such folder of submissions; check the path",
                           folder=submissions))
    check_output_folder(out, "--out", beside=False)
    if inside(out, submissions):
        raise UsageError(_("--out {out}: inside the submissions folder {submissions}; write the "
                           "results elsewhere (e.g. --out graded)", out=out,
                           submissions=submissions))
    writable_output(out, ".lossdrill", "grading output")
    if dask is not None:
        from lossdrill.workers.cluster import check_address

        check_address(dask)
        if jobs is not None:
            raise UsageError(_("--jobs and --dask: a cluster's workers set how many checks run "
                               "at once; leave --jobs out (local:N starts N workers)"))
    cap = memory or default_memory()
    entries = read_roster(roster) if roster is not None else None
    catalog = open_catalog(pack)
    wanted = _exercises(catalog, _names(exercises))
    state = out / ".lossdrill"
    course, source = course_secret(secret, state)
    from lossdrill.classroom.run import GradeRequest, grade_class

    request = GradeRequest(submissions, out, [e.id for e in wanted] if wanted else None,
                           entries, course, source, jobs or cores(),
                           timeout, cap, similar, threshold, fresh, dask)
    raise typer.Exit(grade_class(catalog, request))


def release(
    out: Path = typer.Argument(..., help="Folder to write the student pack to."),
    exercises: str | None = EXERCISES.typer(),
    pack: Path | None = PACK.typer(),
) -> None:
    """Write a student pack: statements, starters, visible tests with their answers recorded;
    no reference code, no hidden tests."""
    from lossdrill.classroom.outfolder import check_output_folder
    from lossdrill.classroom.release import release as release_pack

    check_output_folder(out, "OUT", beside=True)
    catalog = open_catalog(pack)
    wanted = _exercises(catalog, _names(exercises))
    released = release_pack(catalog, out, [e.id for e in wanted] if wanted else None)
    for item in released:
        typer.echo(_("{id} {slug}: {visible} visible tests (answers recorded), {hidden} hidden "
                     "tests left out", id=item.exercise.id, slug=item.exercise.slug,
                     visible=item.visible, hidden=item.hidden))
    typer.echo(_("wrote {out}: students run `lossdrill check FILE --pack {out}` offline",
                 out=out))


@export_app.command("gradescope")
def export_gradescope(
    out: Path = typer.Argument(..., help="Folder for the autograder bundle (and its zip)."),
    exercises: str | None = EXPORT_EXERCISES.typer(),
    secret: str | None = SECRET.typer(),
    hidden: str = typer.Option("after_published", "--hidden-visibility", help="Gradescope "
                               "visibility of hidden tests: after_published, after_due_date or "
                               "hidden."),
    timeout: float | None = TIMEOUT.typer(),
    pack: Path | None = PACK.typer(),
) -> None:
    """Write a Gradescope autograder (setup.sh, run_autograder) grading with lossdrill."""
    from lossdrill.classroom.lms.gradescope import HIDDEN_CHOICES, write_bundle
    from lossdrill.classroom.outfolder import check_output_folder
    from lossdrill.classroom.seeds import check_secret

    if hidden not in HIDDEN_CHOICES:
        raise UsageError(_("--hidden-visibility {value}: expected one of {choices}",
                           value=repr(hidden), choices=", ".join(HIDDEN_CHOICES)))
    if secret is not None:
        check_secret(secret, "--secret")
    check_output_folder(out, "OUT", beside=True)
    catalog = open_catalog(pack)
    wanted = _exercises(catalog, _names(exercises)) or catalog.all()
    archive = write_bundle(catalog, wanted, out, secret=secret, hidden=hidden, timeout=timeout)
    typer.echo(_("wrote {out} and {archive}: upload {name} as the assignment's autograder on "
                 "Gradescope", out=out, archive=archive, name=archive.name))


@export_app.command("github-classroom")
def export_github(
    out: Path = typer.Argument(..., help="Folder for the template repository."),
    exercises: str | None = EXPORT_EXERCISES.typer(),
    wheel: Path | None = typer.Option(None, "--wheel", metavar="PATH", help="The lossdrill "
                                      "wheel the template carries and CI installs (default: a "
                                      "wheel of the running lossdrill).", show_default=False),
    install: str | None = typer.Option(None, "--install", help="What CI installs instead of a "
                                       "wheel in the template, as `pip install` takes it (a "
                                       "version on your index, a wheel URL, git+https://…).",
                                       show_default=False),
    pack: Path | None = PACK.typer(),
) -> None:
    """Write a GitHub Classroom template repository: student pack, starters, workflow and
    autograding configuration (one graded step per exercise), and the lossdrill wheel they
    install."""
    from lossdrill.classroom.lms.github import write_template
    from lossdrill.classroom.outfolder import check_output_folder

    if wheel is not None and install is not None:
        raise UsageError(_("--wheel and --install: give one (the wheel the template carries, "
                           "or what CI installs instead)"))
    check_output_folder(out, "OUT", beside=False)
    catalog = open_catalog(pack)
    wanted = _exercises(catalog, _names(exercises)) or catalog.all()
    write_template(catalog, wanted, out, install, wheel)
    typer.echo(_("wrote {out}: push it as the assignment's template repository", out=out))
