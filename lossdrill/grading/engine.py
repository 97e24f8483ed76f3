"""Grade one learner (its file, called in its own process through what the service hands over,
or a set of trusted functions) against an exercise. Never prints, never starts a process."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from lossdrill.grading.diagnosis import diagnose
from lossdrill.grading.gradients import run_gradient
from lossdrill.grading.inputs import VISIBLE_SEED, resolve_args, test_rng
from lossdrill.grading.kinds import run_property, run_raises, run_task, run_value
from lossdrill.grading.reference import ReferenceSource, load_reference
from lossdrill.grading.results import CheckResult, Diagnosis, TestResult
from lossdrill.grading.run import Learner, Run, test_result
from lossdrill.i18n import _, language
from lossdrill.sandbox.local import LocalFunctions
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import (
    Exercise,
    GradientTest,
    PropertyTest,
    RaisesTest,
    TaskTest,
    ValueTest,
)


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
