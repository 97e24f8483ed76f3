"""ex26's task: a race. The grader minimises two functions — a narrow ravine (an
ill-conditioned quadratic) and Rosenbrock's curved valley — with each optimiser, calling the
learner's step at every step, and reports how many steps each needs to get close to the
minimum.

The loop runs here and follows the rule's own iterates: at each step the grader computes the
gradient, calls the reference's step and the learner's on the very same (w, grad, state), and
goes on from the reference's result once the learner's agrees with it. Comparing step by step,
rather than two free-running trajectories, keeps rounding from accumulating (RMSprop and Adam
near a minimum take steps of about lr whose direction turns on the sign of a tiny gradient,
where two correct implementations may part after many steps); and since the reference's calls
never depend on what the learner returned, a released pack's recorded answers cover them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from lossdrill.errors import SpecError
from lossdrill.grading.compare import as_array
from lossdrill.grading.tasks.common import Caller, TaskFailure, TaskReport
from lossdrill.i18n import _

# A step agrees with the reference's when every returned array does, within this: the
# statement fixes each formula, and rearrangements of it differ by a few ulps.
RTOL, ATOL = 1e-8, 1e-12


@dataclass(frozen=True)
class Racer:
    label: str  # the optimiser's name, the same in every language
    function: str
    state: tuple[str, ...]  # the state arguments the step takes and returns, in order
    hyper: dict[str, Any]


@dataclass(frozen=True)
class Problem:
    key: str  # its name in the metrics
    name: str  # its name in the report, in the report's language
    f: Callable[[np.ndarray], float]
    grad: Callable[[np.ndarray], np.ndarray]
    w0: np.ndarray
    target: float  # a racer has got there when f(w) ≤ target
    target_text: str  # how the target is shown
    steps: int  # the budget of each run
    racers: tuple[Racer, ...]


def _racers(lr: float, momentum: float, rms_lr: float, adam_lr: float) -> tuple[Racer, ...]:
    return (
        Racer("SGD", "sgd_momentum_step", ("velocity",),
              {"lr": lr, "momentum": 0.0, "nesterov": False}),
        Racer("momentum", "sgd_momentum_step", ("velocity",),
              {"lr": lr, "momentum": momentum, "nesterov": False}),
        Racer("Nesterov", "sgd_momentum_step", ("velocity",),
              {"lr": lr, "momentum": momentum, "nesterov": True}),
        Racer("RMSprop", "rmsprop_step", ("sq_avg",), {"lr": rms_lr, "rho": 0.9, "eps": 1e-8}),
        Racer("Adam", "adam_step", ("m", "v"),
              {"lr": adam_lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}),
    )


def ravine(rng: np.random.Generator, kappa: float, steps: int) -> Problem:
    """½(w − w*)ᵀA(w − w*), A's eigenvalues 1 and κ along a random direction, from a point 3
    away from the minimum w* at 45° to the ravine's axes (so that both its flat floor and its
    steep walls have a part to play); SGD's step is 1/κ, the textbook 1/L."""
    angle = rng.uniform(0, np.pi)
    axes = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    A = axes @ np.diag([1.0, kappa]) @ axes.T
    w_star = rng.normal(size=2)
    w0 = w_star + axes @ (3.0 / np.sqrt(2.0) * rng.choice([-1.0, 1.0], size=2))

    def f(w: np.ndarray) -> float:
        d = w - w_star
        return float(0.5 * d @ A @ d)

    def grad(w: np.ndarray) -> np.ndarray:
        return np.asarray(A @ (w - w_star))

    return Problem("ravine", _("the ravine (κ = {kappa:g})", kappa=kappa), f, grad, w0,
                   1e-3 * f(w0), "f ≤ 10⁻³·f(w₀)", steps, _racers(1.0 / kappa, 0.9, 0.02, 0.1))


def rosenbrock(rng: np.random.Generator, steps: int) -> Problem:
    """(1 − x)² + 100(y − x²)², minimum 0 at (1, 1), from near the classic start (−1.2, 1)."""

    def f(w: np.ndarray) -> float:
        x, y = w
        return float((1 - x) ** 2 + 100 * (y - x**2) ** 2)

    def grad(w: np.ndarray) -> np.ndarray:
        x, y = w
        return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])

    w0 = np.array([-1.2, 1.0]) + rng.normal(scale=0.1, size=2)
    return Problem("rosenbrock", _("Rosenbrock's valley"), f, grad, w0, 0.1, "f ≤ 0.1",
                   steps, _racers(1e-3, 0.9, 0.01, 0.2))


def _step_result(outcome: Any, racer: Racer, t: int, shape: tuple[int, ...]) -> np.ndarray:
    """The returned (w, *state) as one float64 array of shape (1 + len(state), *shape)."""
    names = ("w", *racer.state)
    if not outcome.ok:
        raise TaskFailure(_("{name} at step {t} failed: {message}", name=racer.function, t=t,
                            message=outcome.message), outcome)
    value = outcome.value
    if not isinstance(value, (tuple, list)) or len(value) != len(names):
        raise TaskFailure(_("{name} at step {t} did not return the tuple ({names})",
                            name=racer.function, t=t, names=", ".join(names)), outcome)
    items = [as_array(item) for item in value]
    for name, arr in zip(names, items, strict=True):
        if arr is None or arr.shape != shape or not np.isfinite(arr).all():
            raise TaskFailure(_("{name} at step {t}: {item} is not {n} finite numbers",
                                name=racer.function, t=t, item=name,
                                n=int(np.prod(shape))), outcome)
    return np.array(items, dtype=np.float64)


def _run(learner: Caller, reference: Caller, problem: Problem, racer: Racer
         ) -> tuple[int | None, list[float]]:
    """Race one optimiser: the step it reached the target at (None: not within the budget),
    and f at every step from the start. Raises TaskFailure at the first step that is not the
    rule's."""
    w = problem.w0
    trail = [problem.f(w)]
    state = np.zeros((len(racer.state), *w.shape))
    for t in range(1, problem.steps + 1):
        args: dict[str, Any] = {"w": w, "grad": problem.grad(w)}
        args.update(zip(racer.state, state, strict=True))
        if racer.function == "adam_step":
            args["t"] = t
        args.update(racer.hyper)
        try:
            want = _step_result(reference(racer.function, args), racer, t, w.shape)
        except TaskFailure as exc:  # the pack's fault, not the learner's
            raise SpecError(f"the reference's {exc} in the race; fix the reference") from exc
        got = _step_result(learner(racer.function, args), racer, t, w.shape)
        wrong = np.abs(got - want) > ATOL + RTOL * np.abs(want)
        if wrong.any():
            item = int(np.argwhere(wrong)[0][0])
            raise TaskFailure(_(
                "{racer} on {problem}, step {t}: from w = {w} with {state}, your step "
                "returned {name} = {mine}; the statement's rule gives {right}",
                racer=racer.label, problem=problem.name, t=t, w=_vector(w),
                state=", ".join(f"{k} = {_vector(v)}" for k, v in
                                zip(racer.state, state, strict=True)),
                name=("w", *racer.state)[item], mine=_vector(got[item]),
                right=_vector(want[item])))
        w, state = want[0], want[1:]
        trail.append(problem.f(w))
        if trail[-1] <= problem.target:
            return t, trail
    return None, trail


def _vector(x: np.ndarray) -> str:
    return np.array2string(x, precision=6, separator=", ")


def _standing(problem: Problem, results: list[tuple[int | None, list[float]]]) -> str:
    entries = []
    for racer, (steps, trail) in zip(problem.racers, results, strict=True):
        if steps is None:
            entries.append(_("{racer} not within {budget} (f = {f:.2g})", racer=racer.label,
                             budget=problem.steps, f=trail[-1]))
        else:
            entries.append(_("{racer} {steps}", racer=racer.label, steps=steps))
    return _("{problem}, steps to {target}: {entries}", problem=problem.name,
             target=problem.target_text, entries=", ".join(entries))


def optimizer_race(learner: Caller, reference: Caller, params: dict[str, Any],
                   rng: np.random.Generator) -> TaskReport:
    problems = (ravine(rng, float(params.get("kappa", 50.0)), int(params.get("steps", 150))),
                rosenbrock(rng, int(params.get("rosenbrock_steps", 200))))
    standings: list[str] = []
    metrics: dict[str, float] = {}
    curves: dict[str, list[float]] = {}
    for problem in problems:
        results: list[tuple[int | None, list[float]]] = []
        for racer in problem.racers:
            try:
                results.append(_run(learner, reference, problem, racer))
            except TaskFailure as exc:
                return TaskReport(False, str(exc), metrics, failure=exc.outcome)
            steps, trail = results[-1]
            key = f"{problem.key}.{racer.label}"
            metrics[f"{key}.steps"] = float("inf") if steps is None else float(steps)
            metrics[f"{key}.f"] = trail[-1]
            if problem.key == "ravine":  # the report draws these; the valley's are alike
                curves[_("{racer}, log₁₀ f in the ravine", racer=racer.label)] = [
                    math.log10(max(f, 1e-300)) for f in trail]
        standings.append(_standing(problem, results))
    return TaskReport(True, "; ".join(standings), metrics, curves)
