"""Grade one learner file (or a set of trusted functions) against an exercise. Never prints."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lossdrill.grading.diagnosis import diagnose
from lossdrill.grading.gradients import run_gradient
from lossdrill.grading.inputs import VISIBLE_SEED, resolve_args, test_rng
from lossdrill.grading.kinds import run_property, run_raises, run_task, run_value
from lossdrill.grading.reference import ReferenceSource, load_reference
from lossdrill.grading.results import CheckResult, Diagnosis, TestResult
from lossdrill.grading.run import Learner, Run, test_result
from lossdrill.i18n import _, language
from lossdrill.sandbox.local import LocalFunctions
from lossdrill.sandbox.process import DEFAULT_MEMORY, LearnerProcess, Outcome
from lossdrill.spec.catalog import private_paths
from lossdrill.spec.model import (
    Exercise,
    GradientTest,
    PropertyTest,
    RaisesTest,
    TaskTest,
    ValueTest,
)

if TYPE_CHECKING:
    from lossdrill.sandbox.forkserver import ForkServer

# A learner process that dies (exit, crash) is restarted for the next test, at most this many
# times. A function that timed out is not called again: one that hangs on every input costs
# one timeout, not one per test.
MAX_RESTARTS = 3


class RestartingLearner:
    """A learner process that is started again (and the file re-imported) after it dies."""

    def __init__(self, path: Path, process: LearnerProcess, timeout: float, memory: int,
                 denied: list[Path]):
        self.server = process.server
        self.path = path
        self.denied = denied
        self.first = self.process = process
        self.timeout = timeout
        self.memory = memory
        self.restarts = 0
        self.timed_out: set[str] = set()

    def call(self, function: str, args: dict[str, Any], timeout: float | None = None) -> Outcome:
        if function in self.timed_out:
            return Outcome(False, kind="gave-up", message=_(
                "not run: an earlier call to {function} did not finish within {seconds} s",
                function=function, seconds=f"{self.timeout:g}"))
        if not self.process.alive:
            if self.restarts >= MAX_RESTARTS:
                return Outcome(False, kind="gave-up", message=_(
                    "not run: the learner process stopped too often (see the tests above)"))
            self.restarts += 1
            self.process = LearnerProcess(timeout=self.timeout, memory=self.memory,
                                          server=self.server, denied=self.denied).start()
            loaded = self.process.load(self.path, self.denied)
            if not loaded.ok:
                return loaded
        outcome = self.process.call(function, args, timeout)
        if outcome.kind == "timeout":
            self.timed_out.add(function)
        return outcome

    def close(self) -> None:
        """Close the processes started here (restarts); the first, the caller's, is stopped:
        its owner closes it."""
        if self.process is not self.first:
            self.process.close()
        self.first.stop()






def fresh_seed() -> int:
    return secrets.randbelow(2**31)


def check_file(
    exercise: Exercise,
    path: Path,
    *,
    seed: int | None = None,
    timeout: float | None = None,
    memory: int = DEFAULT_MEMORY,
    process: LearnerProcess | None = None,
    reference: ReferenceSource | None = None,
    server: ForkServer | None = None,
) -> CheckResult:
    """Grade a learner's file in its own process. Pass an already started ``process`` to
    overlap its start-up with the caller's work (it is stopped when the tests end; the caller
    closes it), or a ``server`` to fork it warm."""
    started = time.monotonic()
    timeout = timeout or exercise.timeout
    # The exercise pack stays unreadable to the learner's code, and what the caller adds.
    denied = private_paths(exercise.path.parent, exercise.solution_path.parent)
    if process is not None and process.denied:
        denied += [p for p in process.denied if p not in denied]
    given = process is not None
    process = process or LearnerProcess(timeout=timeout, memory=memory, server=server,
                                        denied=denied).start()
    process.timeout = timeout
    learner = RestartingLearner(path, process, timeout, memory, denied)
    try:
        loaded = process.load(path, denied)
        reference = reference or load_reference(exercise)
        result = _grade(exercise, learner, loaded, reference, seed, started, str(path))
        result.protections = loaded.protections
        return result
    finally:
        learner.close()
        if not given:
            process.close()


def check_functions(exercise: Exercise, functions: dict[str, Callable[..., Any]],
                    *, seed: int | None = None, label: str = "",
                    reference: ReferenceSource | None = None) -> CheckResult:
    """Grade trusted functions in this process (references and mistake variants)."""
    started = time.monotonic()
    loaded = Outcome(True, functions=sorted(functions))
    reference = reference or load_reference(exercise)
    return _grade(exercise, LocalFunctions(functions), loaded, reference, seed, started, label)


def _grade(exercise: Exercise, learner: Learner, loaded: Outcome, reference: ReferenceSource,
           seed: int | None, started: float, file: str) -> CheckResult:
    seed = fresh_seed() if seed is None else seed
    run = Run(exercise, learner, reference, seed, set(loaded.functions) if loaded.ok else set())
    if loaded.output:
        run.output.append(loaded.output)
    for test in exercise.tests:
        if not loaded.ok:
            run.results.append(test_result(test, "skipped",
                                       _("not run: the file could not be loaded")))
            continue
        run.results.append(_run_test(run, test))
    missing = [f for f in exercise.function_names if f not in run.available]
    if not loaded.ok:
        status = "error"
        diagnoses = [diagnose.load_failure(loaded)]
    else:
        status = "error" if missing else (
            "passed" if all(r.status == "passed" for r in run.results) else "failed")
        if status != "passed":  # only a failure needs explaining
            _run_variants(run)
        diagnoses = [diagnose.missing_function(name, loaded.functions) for name in missing]
        diagnoses += diagnose.diagnose(run.observations, exercise.mistakes)
    lang = language()
    # Listed mistakes speak the learner's language; test names too, in the report only.
    said = {m.id: exercise.text(f"mistakes[{i}].message", lang)
            for i, m in enumerate(exercise.mistakes)}
    diagnoses = [Diagnosis(d.id, said[d.id]) if d.id in said else d for d in diagnoses]
    for i, result in enumerate(run.results):
        result.label = exercise.text(f"tests[{i}].name", lang)
    notes = []
    if run.hidden_output_chars:
        notes.append(_("{count} characters printed during hidden tests are not shown",
                       count=run.hidden_output_chars))
    return CheckResult(
        exercise=exercise.id, slug=exercise.slug, title=exercise.title, file=file,
        status=status, score=sum(r.score for r in run.results),
        max_score=exercise.max_score, seed=seed, tests=run.results, diagnoses=diagnoses,
        learner_output="".join(run.output), duration_s=time.monotonic() - started, notes=notes,
        label=exercise.text("title", lang),
    )




def _run_test(run: Run, test: Any) -> TestResult:
    needed = test.functions if isinstance(test, TaskTest) else (
        (test.function, test.loss) if isinstance(test, GradientTest) else (test.function,))
    given = set(run.exercise.all_function_names) - set(run.exercise.function_names)
    absent = [f for f in needed if f not in run.available and f not in given]
    if absent:
        return test_result(test, "error", _("not run: `{name}` is not defined", name=absent[0]))
    seed = test.seed if test.seed is not None else (
        VISIBLE_SEED if test.visibility == "visible" else run.seed)
    rng = test_rng(seed, test.name)
    if isinstance(test, TaskTest):
        return run_task(run, test, rng)
    args = resolve_args(test.args, rng)
    if isinstance(test, ValueTest):
        return run_value(run, test, args)
    if isinstance(test, RaisesTest):
        return run_raises(run, test, args)
    if isinstance(test, PropertyTest):
        return run_property(run, test, args, rng)
    return run_gradient(run, test, args)




























def _run_variants(run: Run) -> None:
    """Call every listed mistake's variant on each observation it could explain."""
    for mistake_id, replaced in run.reference.mistakes.items():
        for obs in run.observations:
            if obs.function in replaced:
                obs.variants[mistake_id] = run.reference.call_variant(mistake_id, obs.function,
                                                                      obs.args)
