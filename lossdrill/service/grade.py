"""Grade what the learner points at: a Python file as it is, or a notebook's code cells
gathered into a temporary file whose locations are mapped back to the cells; and, when a check
fails, the learner's loss curve over the reference's. The commands `check` and `watch`, and
`lossdrill.check()` all come through here.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from lossdrill.grading.engine import check_file
from lossdrill.grading.results import CheckResult
from lossdrill.i18n import _
from lossdrill.sandbox.process import LearnerProcess
from lossdrill.spec.catalog import Catalog, ExerciseNotNamed
from lossdrill.spec.model import Exercise

if TYPE_CHECKING:  # a notebook and a loss curve are the rarer cases: imported when needed
    from lossdrill.grading.curves import Sweep
    from lossdrill.service.notebook import Gathered


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


def grade(catalog: Catalog, file: Path, exercise: str | None, *, process: LearnerProcess,
          seed: int | None = None, timeout: float | None = None, memory: int,
          plot: bool = False) -> tuple[Exercise, CheckResult, Sweep | None]:
    """The exercise, the result and (with ``plot``, for a failing check of an exercise with a
    `plot` key) the loss curves. ``process`` is stopped when its tests end (check_file); the
    caller, which started it, closes it."""
    folder = ""
    try:
        ex = infer(catalog, file, exercise)
        gathered: Gathered | None = None
        path = file.resolve()
        if file.suffix.lower() == ".ipynb":
            from lossdrill.service.notebook import gather_notebook

            gathered = gather_notebook(file)
            folder = tempfile.mkdtemp(prefix="lossdrill-notebook-")
            path = Path(folder) / f"{file.stem}.py"
            path.write_text(gathered.source, encoding="utf-8")
        result = check_file(ex, path, seed=seed, timeout=timeout, memory=memory,
                            process=process)
        sweep = None
        if plot and ex.plot is not None and result.status == "failed":
            # A fresh process, started only now: one warming beside the tests would take the
            # core they run on, and most checks pass.
            from lossdrill.grading.curves import learner_sweep

            sweep = learner_sweep(ex, path, LearnerProcess(memory=memory).start())
        if gathered is not None:
            gathered.relabel(result, path, str(file))
        return ex, result, sweep
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
