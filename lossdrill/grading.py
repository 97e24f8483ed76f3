"""Grade one learner file (or a set of trusted functions) against an exercise. Never prints."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from lossdrill import diagnose
from lossdrill.compare import Comparison, abbreviate, as_array, close_mask, compare
from lossdrill.errors import SpecError
from lossdrill.failures import describe_failure, exception_name
from lossdrill.i18n import _, language
from lossdrill.pinpoint import Pinpoint, pinpoint
from lossdrill.properties import PROPERTIES, CallFailed, Context, PropertyViolated
from lossdrill.reference import ReferenceSource, load_reference
from lossdrill.results import CheckResult, Diagnosis, TestResult
from lossdrill.sandbox.local import LocalFunctions
from lossdrill.sandbox.process import DEFAULT_MEMORY, ForkServer, LearnerProcess, Outcome
from lossdrill.spec import (
    Exercise,
    GradientTest,
    PropertyTest,
    RaisesTest,
    TaskTest,
    Tolerance,
    ValueTest,
)
from lossdrill.tasks import TASKS
from lossdrill.vectors import VISIBLE_SEED, resolve_args, test_rng

# A learner process that dies (exit, crash) is restarted for the next test, at most this many
# times. A function that timed out is not called again: one that hangs on every input costs
# one timeout, not one per test.
MAX_RESTARTS = 3
# Outcomes after which the process is gone.
FATAL = frozenset({"timeout", "died", "exit", "protocol"})
# Wrong scalar losses whose samples are examined one by one (each costs N calls).
MAX_PINPOINTED = 3
# Finite differences: tolerance of the learner's gradient against its own loss.
FD_TOLERANCE = Tolerance(rtol=1e-4, atol=1e-6)


class Learner(Protocol):
    def call(self, function: str, args: dict[str, Any], timeout: float | None = None
             ) -> Outcome: ...


class RestartingLearner:
    """A learner process that is started again (and the file re-imported) after it dies."""

    def __init__(self, path: Path, process: LearnerProcess, timeout: float, memory: int,
                 denied: list[Path]):
        self.server = process.server
        self.path = path
        self.denied = denied
        self.process = process
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
        self.process.close()


@dataclass
class Observation:
    """One call of a learner's function on a test's inputs, kept for diagnosis."""

    test: str
    kind: str  # value, raises, gradient
    function: str
    args: dict[str, Any]
    got: Outcome
    passed: bool
    expected: Any = None
    problem: str = ""
    variants: dict[str, Outcome] = field(default_factory=dict)
    hidden: bool = False  # then nothing the learner's code wrote may be shown


@dataclass
class _Run:
    exercise: Exercise
    learner: Learner
    reference: ReferenceSource
    seed: int
    available: set[str]
    results: list[TestResult] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    output: list[str] = field(default_factory=list)
    hidden_output_chars: int = 0
    pinpointed: int = 0


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
    overlap its start-up with the caller's work, or a ``server`` to fork it warm."""
    started = time.monotonic()
    timeout = timeout or exercise.timeout
    # The exercise pack stays unreadable to the learner's code, and what the caller adds.
    denied = [exercise.path.parent, exercise.solution_path.parent]
    if process is not None and process.denied:
        denied += [p for p in process.denied if p not in denied]
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
    run = _Run(exercise, learner, reference, seed, set(loaded.functions) if loaded.ok else set())
    if loaded.output:
        run.output.append(loaded.output)
    for test in exercise.tests:
        if not loaded.ok:
            run.results.append(_result(test, "skipped",
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


def _result(test: Any, status: str, message: str, **extra: Any) -> TestResult:
    return TestResult(test.name, test.kind, test.visibility, status,
                      test.points if status == "passed" else 0.0, test.points, message, **extra)


def _run_test(run: _Run, test: Any) -> TestResult:
    needed = test.functions if isinstance(test, TaskTest) else (
        (test.function, test.loss) if isinstance(test, GradientTest) else (test.function,))
    given = set(run.exercise.all_function_names) - set(run.exercise.function_names)
    absent = [f for f in needed if f not in run.available and f not in given]
    if absent:
        return _result(test, "error", _("not run: `{name}` is not defined", name=absent[0]))
    seed = test.seed if test.seed is not None else (
        VISIBLE_SEED if test.visibility == "visible" else run.seed)
    rng = test_rng(seed, test.name)
    if isinstance(test, TaskTest):
        return _run_task(run, test, rng)
    args = resolve_args(test.args, rng)
    if isinstance(test, ValueTest):
        return _run_value(run, test, args)
    if isinstance(test, RaisesTest):
        return _run_raises(run, test, args)
    if isinstance(test, PropertyTest):
        return _run_property(run, test, args, rng)
    return _run_gradient(run, test, args)


def _run_property(run: _Run, test: PropertyTest, args: dict[str, Any],
                  rng: np.random.Generator) -> TestResult:
    check = PROPERTIES.get(test.property)
    if check is None:
        raise SpecError(f"{run.exercise.path}: test '{test.name}': unknown property "
                        f"'{test.property}' (known: {', '.join(PROPERTIES)})")
    ctx = Context(lambda a: _call(run, test, test.function, a), args, test.params, rng,
                  run.exercise.tolerance_for(test))
    try:
        problem = check(ctx)
    except CallFailed as exc:
        return _failed_call(test, exc.outcome)
    except PropertyViolated as exc:
        problem = str(exc)
    if problem is None:
        return _result(test, "passed", "")
    return _result(test, "failed", f"{test.function} {problem}")


def _call(run: _Run, test: Any, function: str, args: dict[str, Any]) -> Outcome:
    outcome = run.learner.call(function, args)
    if test.visibility == "hidden":
        run.hidden_output_chars += len(outcome.output)
    elif outcome.output:
        run.output.append(outcome.output)
    return outcome


def _expected(run: _Run, test: Any, function: str, args: dict[str, Any]) -> Outcome:
    outcome = run.reference.call(function, args)
    if not outcome.ok and not isinstance(test, RaisesTest):
        raise SpecError(f"{run.exercise.solution_path}: the reference's {function} failed on "
                        f"test '{test.name}': {outcome.message}; fix the reference or the test")
    return outcome


def _failed_call(test: Any, outcome: Outcome) -> TestResult:
    status = "skipped" if outcome.kind == "gave-up" else "error"
    return _result(test, status, describe_failure(outcome, test.visibility == "hidden"))


def _run_value(run: _Run, test: ValueTest, args: dict[str, Any]) -> TestResult:
    hidden = test.visibility == "hidden"
    expected = _expected(run, test, test.function, args).value
    got = _call(run, test, test.function, args)
    obs = Observation(test.name, "value", test.function, args, got, False, expected,
                      hidden=hidden)
    run.observations.append(obs)
    if not got.ok:
        obs.problem = got.kind
        return _failed_call(test, got)
    cmp = compare(expected, got.value, run.exercise.tolerance_for(test))
    obs.passed, obs.problem = cmp.ok, cmp.problem
    if cmp.ok:
        return _result(test, "passed", "")
    scalar = (arr := as_array(expected)) is not None and arr.ndim == 0
    found = _pinpoint(run, test, args) if scalar and cmp.problem in (
        "value", "not-finite") else None
    message = cmp.brief if hidden else cmp.message
    if found is not None:
        message = message + _("; ") + found.pattern
    if hidden:
        return _result(test, "failed", message, pinpoint=found)
    return _result(test, "failed", message, details=_details(args, expected, got.value, cmp),
                   pinpoint=found)


def _pinpoint(run: _Run, test: ValueTest, args: dict[str, Any]) -> Pinpoint | None:
    """For the first few wrong scalar losses: which samples disagree, and why."""
    if run.pinpointed >= MAX_PINPOINTED:
        return None
    run.pinpointed += 1
    patterns = getattr(run.reference, "patterns", ())
    return pinpoint(lambda a: _call(run, test, test.function, a),
                    lambda a: run.reference.call(test.function, a), args,
                    run.exercise.tolerance_for(test), patterns, test.visibility == "hidden",
                    language())


def _details(args: dict[str, Any], expected: Any, got: Any, cmp: Comparison) -> dict[str, str]:
    details = {name: abbreviate(value) for name, value in args.items()}
    details = {f"input {k}": v for k, v in details.items()}
    details["expected"] = abbreviate(expected)
    details["got"] = abbreviate(got)
    if cmp.max_abs is not None:
        finite_rel = cmp.max_rel is not None and np.isfinite(cmp.max_rel)
        rel = _(", rel {rel}", rel=f"{cmp.max_rel:.3g}") if finite_rel else ""
        details["largest error"] = (_("abs {abs}{rel}", abs=f"{cmp.max_abs:.3g}", rel=rel)
                                    + (_(" at index {where}", where=cmp.where) if cmp.where
                                       else ""))
    return details


def _run_raises(run: _Run, test: RaisesTest, args: dict[str, Any]) -> TestResult:
    hidden = test.visibility == "hidden"
    got = _call(run, test, test.function, args)
    obs = Observation(test.name, "raises", test.function, args, got, False, test.exception,
                      hidden=hidden)
    run.observations.append(obs)
    why = f": {_reason(run.exercise, test)}" if test.reason else ""
    if not got.ok and test.exception in got.exc_types:
        obs.passed = True
        return _result(test, "passed", "")
    if got.ok:
        obs.problem = "no-raise"
        shown = "" if hidden else _("returned {value} ", value=abbreviate(got.value))
        return _result(test, "failed", _("{shown}instead of raising {exception}{why}",
                                         shown=shown, exception=test.exception, why=why))
    obs.problem = got.kind
    if got.exc_types:
        return _result(test, "failed", _("raised {name}, expected {exception}{why}",
                                         name=exception_name(got, hidden),
                                         exception=test.exception, why=why))
    return _failed_call(test, got)


def _reason(ex: Exercise, test: RaisesTest) -> str:
    return ex.text(f"tests[{ex.tests.index(test)}].reason", language())


def _one_sided(loss: Callable[[np.ndarray], float], x: np.ndarray, h: float
               ) -> tuple[np.ndarray, np.ndarray]:
    """Left and right difference quotients of a scalar loss at every coordinate of x."""
    base = loss(x)
    left = np.empty(x.size)
    right = np.empty(x.size)
    for i in range(x.size):
        flat_step = np.zeros(x.size)
        flat_step[i] = h
        step = flat_step.reshape(x.shape)
        right[i] = (loss(x + step) - base) / h
        left[i] = (base - loss(x - step)) / h
    return left.reshape(x.shape), right.reshape(x.shape)


def _run_gradient(run: _Run, test: GradientTest, args: dict[str, Any]) -> TestResult:
    hidden = test.visibility == "hidden"
    x = np.asarray(args[test.wrt], dtype=np.float64)
    def ref_loss(point: np.ndarray) -> float:
        outcome = run.reference.call(test.loss, {**args, test.wrt: point})
        if not outcome.ok:
            raise SpecError(f"{run.exercise.solution_path}: the reference's {test.loss} failed "
                            f"on test '{test.name}': {outcome.message}")
        return float(outcome.value)

    expected = _expected(run, test, test.function, args).value
    got = _call(run, test, test.function, args)
    obs = Observation(test.name, "gradient", test.function, args, got, False, expected,
                      hidden=hidden)
    run.observations.append(obs)
    if not got.ok:
        obs.problem = got.kind
        return _failed_call(test, got)
    shape_check = compare(expected, got.value, Tolerance(rtol=0.0, atol=np.inf))
    if not shape_check.ok:
        obs.problem = shape_check.problem
        return _result(test, "failed", shape_check.brief)
    grad = np.asarray(as_array(got.value), dtype=np.float64)
    # A coordinate where the reference's one-sided slopes differ sits on a kink: there any
    # value between them is a valid subgradient.
    left, right = _one_sided(ref_loss, x, test.step)
    kink = ~np.isclose(left, right, rtol=1e-3, atol=1e-6)
    lo, hi = np.minimum(left, right) - 1e-6, np.maximum(left, right) + 1e-6
    tol = run.exercise.tolerance_for(test)
    problems = []
    if "reference" in test.against:
        ok = np.where(kink, (grad >= lo) & (grad <= hi), close_mask(expected, grad, tol))
        if not ok.all():
            obs.problem = "value"
            cmp = compare(np.where(kink, grad, expected), grad, tol)
            problems.append(_("does not match the reference gradient") if hidden else
                            _("does not match the reference gradient: {details}",
                              details=cmp.message))
    if "finite-differences" in test.against and not problems:
        fd = _learner_fd(run, test, args, x)
        if isinstance(fd, str):
            problems.append(fd)
        else:
            ok = np.where(kink, True, close_mask(fd, grad, FD_TOLERANCE))
            if not ok.all():
                worst = tuple(int(i) for i in np.argwhere(~ok)[0])
                own = test.loss in run.exercise.function_names
                if hidden:
                    problems.append(_(
                        "is not the derivative of your own {loss}: central differences give "
                        "a different slope" if own else
                        "is not the derivative of the {loss}: central differences give a "
                        "different slope", loss=test.loss))
                else:
                    problems.append(_(
                        "is not the derivative of your own {loss}: central differences give "
                        "{fd} at index {index}, your gradient {grad}" if own else
                        "is not the derivative of the {loss}: central differences give {fd} at "
                        "index {index}, your gradient {grad}", loss=test.loss,
                        fd=f"{fd[worst]:.6g}", index=worst, grad=f"{grad[worst]:.6g}"))
    obs.passed = not problems
    if obs.passed:
        return _result(test, "passed", "")
    return _result(test, "failed", f"{test.function} " + _("; ").join(problems))


def _learner_fd(run: _Run, test: GradientTest, args: dict[str, Any], x: np.ndarray
                ) -> np.ndarray | str:
    """Central differences of the learner's own loss (or, when the exercise gives the loss,
    of the reference's), away from kinks."""
    own = test.loss in run.exercise.function_names
    fd = np.empty(x.size)
    for i in range(x.size):
        flat_step = np.zeros(x.size)
        flat_step[i] = test.step
        step = flat_step.reshape(x.shape)
        values = []
        for point in (x + step, x - step):
            at = {**args, test.wrt: point}
            outcome = _call(run, test, test.loss, at) if own else run.reference.call(test.loss, at)
            value = as_array(outcome.value) if outcome.ok else None
            if value is None or value.ndim != 0:
                if outcome.ok:
                    return _("finite differences could not be taken: your {loss} did not "
                             "return a number", loss=test.loss)
                return _("finite differences could not be taken: your {loss} {failure}",
                         loss=test.loss,
                         failure=describe_failure(outcome, test.visibility == "hidden"))
            values.append(float(value))
        fd[i] = (values[0] - values[1]) / (2 * test.step)
    return fd.reshape(x.shape)


def _run_task(run: _Run, test: TaskTest, rng: np.random.Generator) -> TestResult:
    task = TASKS.get(test.task)
    if task is None:
        raise SpecError(f"{run.exercise.path}: test '{test.name}': unknown task '{test.task}' "
                        f"(known: {', '.join(TASKS)})")
    report = task(lambda f, a: _call(run, test, f, a), run.reference.call, test.params, rng)
    status = "passed" if report.passed else (
        "error" if report.failure is not None and report.failure.kind in FATAL else "failed")
    message = report.message
    if test.visibility == "hidden" and report.failure is not None:
        message = _("training stopped: {reason}",
                    reason=describe_failure(report.failure, hidden=True))
    return _result(test, status, message, curves=report.curves)


def _run_variants(run: _Run) -> None:
    """Call every listed mistake's variant on each observation it could explain."""
    for mistake_id, replaced in run.reference.mistakes.items():
        for obs in run.observations:
            if obs.function in replaced:
                obs.variants[mistake_id] = run.reference.call_variant(mistake_id, obs.function,
                                                                      obs.args)
