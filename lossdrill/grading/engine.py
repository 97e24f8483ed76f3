"""Grade one learner (its file, called in its own process through what the service hands over,
or a set of trusted functions) against an exercise. Never prints, never starts a process."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from lossdrill.grading.diagnosis import diagnose
from lossdrill.grading.disclosure import Said, Verdict, disclose
from lossdrill.grading.kinds import run_test
from lossdrill.grading.reference import ReferenceSource, load_reference
from lossdrill.grading.results import CheckResult, CheckStatus, Diagnosis, TestStatus
from lossdrill.grading.run import Learner, Run
from lossdrill.i18n import _, language
from lossdrill.sandbox.local import LocalFunctions
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Exercise, Visibility


def fresh_seed() -> int:
    return secrets.randbelow(2**31)


def check_learner(exercise: Exercise, learner: Learner, loaded: Outcome, *,
                  seed: int | None = None, file: str = "", started: float | None = None,
                  reference: ReferenceSource | None = None) -> CheckResult:
    """Grade a learner's file by calling ``learner`` (its functions in their own process, held
    by the service; ``loaded``: how the file's import went). ``started``: when the check
    began, for its duration."""
    started = time.monotonic() if started is None else started
    reference = reference or load_reference(exercise)
    result = _grade(exercise, learner, loaded, reference, seed, started, file)
    result.protections = loaded.protections
    return result


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
