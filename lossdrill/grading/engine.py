"""Grade one learner file (or a set of trusted functions) against an exercise. Never prints."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lossdrill.grading.diagnosis import diagnose
from lossdrill.grading.disclosure import Said, Verdict, disclose
from lossdrill.grading.kinds import run_test
from lossdrill.grading.observation import FailureKind
from lossdrill.grading.reference import ReferenceSource, load_reference
from lossdrill.grading.results import CheckResult, CheckStatus, Diagnosis, TestStatus
from lossdrill.grading.run import Learner, Run
from lossdrill.i18n import _, language
from lossdrill.sandbox.local import LocalFunctions
from lossdrill.sandbox.process import DEFAULT_MEMORY, LearnerProcess, Outcome
from lossdrill.spec.catalog import private_paths
from lossdrill.spec.model import Exercise, Visibility

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
            return Outcome(False, kind=FailureKind.GAVE_UP, message=_(
                "not run: an earlier call to {function} did not finish within {seconds} s",
                function=function, seconds=f"{self.timeout:g}"))
        if not self.process.alive:
            if self.restarts >= MAX_RESTARTS:
                return Outcome(False, kind=FailureKind.GAVE_UP, message=_(
                    "not run: the learner process stopped too often (see the tests above)"))
            self.restarts += 1
            self.process = LearnerProcess(timeout=self.timeout, memory=self.memory,
                                          server=self.server, denied=self.denied).start()
            loaded = self.process.load(self.path, self.denied)
            if not loaded.ok:
                return loaded
        outcome = self.process.call(function, args, timeout)
        if outcome.kind == FailureKind.TIMEOUT:
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
    if loaded.output:  # printed on import: no test's, and shown
        run.printed.append((Visibility.VISIBLE, loaded.output))
    not_loaded = Verdict(TestStatus.SKIPPED,
                         Said.both(_("not run: the file could not be loaded")))
    verdicts = [run_test(run, test) if loaded.ok else not_loaded for test in exercise.tests]
    missing = [f for f in exercise.function_names if f not in run.available]
    if not loaded.ok:
        status = CheckStatus.ERROR
        explanations = [diagnose.load_failure(loaded)]
    else:
        status = CheckStatus.ERROR if missing else (
            CheckStatus.PASSED if all(v.status is TestStatus.PASSED for v in verdicts)
            else CheckStatus.FAILED)
        if status is not CheckStatus.PASSED:  # only a failure needs explaining
            _run_variants(run)
        explanations = [diagnose.missing_function(name, loaded.functions) for name in missing]
        explanations += diagnose.diagnose(run.observations, exercise.mistakes)
    # Here the result leaves the engine: what a hidden test may not show is dropped.
    shown = disclose(exercise.tests, verdicts, explanations, run.printed)
    lang = language()
    # Listed mistakes speak the learner's language; test names too, in the report only.
    said = {m.id: exercise.text(f"mistakes[{i}].message", lang)
            for i, m in enumerate(exercise.mistakes)}
    diagnoses = [Diagnosis(d.id, said[d.id]) if d.id in said else d for d in shown.diagnoses]
    for i, result in enumerate(shown.tests):
        result.label = exercise.text(f"tests[{i}].name", lang)
    return CheckResult(
        exercise=exercise.id, slug=exercise.slug, title=exercise.title, file=file,
        status=status, score=sum(r.score for r in shown.tests),
        max_score=exercise.max_score, seed=seed, tests=shown.tests, diagnoses=diagnoses,
        learner_output=shown.learner_output, duration_s=time.monotonic() - started,
        notes=shown.notes, label=exercise.text("title", lang),
    )


def _run_variants(run: Run) -> None:
    """Call every listed mistake's variant on each observation it could explain."""
    for mistake_id, replaced in run.reference.mistakes.items():
        for obs in run.observations:
            if obs.function in replaced:
                obs.variants[mistake_id] = run.reference.call_variant(mistake_id, obs.function,
                                                                      obs.args)
