"""Grade what the learner points at, for one exercise: a Python file as it is, or a notebook's
code cells gathered into a temporary file whose locations are mapped back to the cells; and,
when a check fails, the learner's loss curve over the reference's. `check`, `watch`, the
Python API, grade workers and the Gradescope autograder all come through ``grade``, which
holds the learner processes' whole life; the grading floor only calls the session it is given.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lossdrill.grading.engine import check_learner
from lossdrill.grading.results import CheckResult, CheckStatus
from lossdrill.i18n import _
from lossdrill.sandbox.process import DEFAULT_MEMORY
from lossdrill.service.launcher import Launcher, Terms
from lossdrill.service.options import Options, learner_terms
from lossdrill.service.session import LearnerSession
from lossdrill.spec.catalog import Catalog, ExerciseNotNamed, Pack
from lossdrill.spec.model import Exercise

if TYPE_CHECKING:  # a notebook and a loss curve are the rarer cases: imported when needed
    from lossdrill.grading.curves import Sweep
    from lossdrill.service.notebook import Gathered

__all__ = ["Graded", "Options", "grade", "infer", "learner_sweep"]  # Options: the callers'


class Graded(NamedTuple):
    exercise: Exercise
    result: CheckResult
    sweep: Sweep | None = None


def grade(exercise: Exercise, source: Path, options: Options = Options(),
          launcher: Launcher | None = None) -> Graded:
    """Grade ``source`` (a .py file or a notebook) for ``exercise``. Learner processes come
    from ``launcher`` (one made here and closed at the end when None): the ready one if it
    fits, restarted after a death, stopped when the tests end and, for the curves, started
    afresh."""
    own = launcher is None
    launcher = launcher or Launcher()
    folder = ""
    try:
        gathered: Gathered | None = None
        path = source.resolve()
        if source.suffix.lower() == ".ipynb":
            from lossdrill.service.notebook import gather_notebook

            gathered = gather_notebook(source, exercise.all_function_names)
            folder = tempfile.mkdtemp(prefix="lossdrill-notebook-")
            path = Path(folder) / f"{source.stem}.py"
            path.write_text(gathered.source, encoding="utf-8")
        pack = Pack(exercise.path.parent, exercise.solution_path.parent)
        terms = learner_terms(pack, options, exercise.timeout)
        session = LearnerSession(launcher, path, terms)
        try:
            started = time.monotonic()
            loaded = session.load()
            result = check_learner(exercise, session, loaded, seed=options.seed,
                                   file=str(path), started=started)
        finally:
            session.stop()
        sweep = None
        if options.plot and exercise.plot is not None and result.status is CheckStatus.FAILED:
            # A fresh process, started only now: one warming beside the tests would take the
            # core they run on, and most checks pass.
            sweep = learner_sweep(exercise, path, options.memory, launcher)
        if gathered is not None:
            gathered.relabel(result, path, str(source))
        if options.label:
            result.file = options.label
        return Graded(exercise, result, sweep)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
        if own:
            launcher.close()


def learner_sweep(exercise: Exercise, path: Path, memory: int = DEFAULT_MEMORY,
                  launcher: Launcher | None = None) -> Sweep | None:
    """The learner's loss curves over the reference's (grading.curves), from a process of
    their own: short calls, the packs of the exercise kept unreadable."""
    from lossdrill.grading.curves import CALL_TIMEOUT, sweep_of

    own = launcher is None
    launcher = launcher or Launcher()
    terms = Terms(min(exercise.timeout, CALL_TIMEOUT), memory,
                  (exercise.path.parent, exercise.solution_path.parent))
    session = LearnerSession(launcher, path, terms, restart=False)
    try:
        loaded = session.load()
        return sweep_of(exercise, session.call, loaded)
    finally:
        session.stop()
        if own:
            launcher.close()


def infer(catalog: Catalog, file: Path, exercise: str | None) -> Exercise:
    """The exercise a file or notebook is for (a notebook's header is in its first cell)."""
    if file.suffix.lower() != ".ipynb" or exercise:
        return catalog.infer(file, exercise)
    from lossdrill.service.notebook import gather_notebook

    with tempfile.TemporaryDirectory(prefix="lossdrill-notebook-") as folder:
        path = Path(folder) / f"{file.stem}.py"
        path.write_text(gather_notebook(file).source, encoding="utf-8")
        try:
            return catalog.infer(path, None)
        except ExerciseNotNamed:  # (an unknown exercise named in the header says so itself)
            raise ExerciseNotNamed(_("{file}: cannot tell which exercise this notebook is for; "
                                     "start its first cell with `# lossdrill: ex1`, name it "
                                     "ex1.ipynb, or pass --exercise ex1", file=file)) from None
