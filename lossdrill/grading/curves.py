"""A loss as a curve of one variable: the function of an exercise's `plot` key called on a
sweep of x, for the reference and, through the learner's own sandboxed process, the learner.

The inputs are synthetic (the plot key's literals and the sweep), never a hidden test's, so a
curve reveals nothing hidden. Drawing is plots.py's job; this module only computes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from lossdrill.grading.compare import as_array
from lossdrill.grading.inputs import VISIBLE_SEED, resolve_args, rng_for
from lossdrill.grading.observation import FATAL
from lossdrill.i18n import _, language
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Exercise, Plot
from lossdrill.spec.signature import parameters

Caller = Callable[[str, dict[str, Any]], Outcome]
# A curve is an extra: the learner's calls get a short deadline and the sweep a budget, so a
# slow or hanging function costs the check a few seconds at most.
CALL_TIMEOUT = 2.0
BUDGET = 5.0
# Learner and reference agree at a point within this (the check's tolerances are tighter;
# the plot is for differences one can see).
RTOL, ATOL = 1e-6, 1e-9


@dataclass
class Curve:
    role: str  # "reference" or "learner"
    series: str  # the series' label, "" when the plot has one curve
    y: list[float]  # NaN where the call failed or gave no finite number
    problem: str = ""  # the first failure, in the learner's terms

    @property
    def label(self) -> str:
        who = _("reference") if self.role == "reference" else _("yours")
        return f"{who} ({self.series})" if self.series else who


@dataclass
class Sweep:
    function: str
    xlabel: str
    x: list[float]
    curves: list[Curve] = field(default_factory=list)

    def differs(self) -> bool:
        """Whether some learner curve leaves its reference somewhere."""
        refs = {c.series: np.asarray(c.y) for c in self.curves if c.role == "reference"}
        for curve in self.curves:
            if curve.role != "learner":
                continue
            ref, mine = refs[curve.series], np.asarray(curve.y)
            same = np.isclose(mine, ref, rtol=RTOL, atol=ATOL) | (np.isnan(mine) & np.isnan(ref))
            if not same.all():
                return True
        return False


def sweep_to_data(sweep: Sweep) -> dict[str, Any]:
    return asdict(sweep)


def sweep_from_data(data: dict[str, Any]) -> Sweep:
    fields = dict(data)
    fields["curves"] = [Curve(**c) for c in data.get("curves", [])]
    return Sweep(**fields)


def xs(plot: Plot) -> np.ndarray:
    return np.linspace(plot.range[0], plot.range[1], plot.points)


def _calls(ex: Exercise, plot: Plot) -> list[tuple[str, list[dict[str, Any]]]]:
    """Per series, the arguments of each point's call, in the signature's order."""
    signature = next(f.signature for f in ex.functions if f.name == plot.function)
    order = [name for name, _ in parameters(signature)]
    out = []
    series = plot.series or ()
    lang = language()
    labelled = [(ex.text(f"plot.series[{i}].label", lang), s.args) for i, s in enumerate(series)]
    for label, extra in labelled or [("", {})]:
        fixed = resolve_args({**plot.args, **extra}, rng_for(VISIBLE_SEED, "plot"))
        points = []
        for x in xs(plot):
            given = {**fixed, plot.sweep: np.array([x])}
            points.append({name: given[name] for name in order if name in given})
        out.append((label, points))
    return out


def _value(outcome: Outcome) -> float:
    arr = as_array(outcome.value) if outcome.ok else None
    if arr is None or arr.size != 1 or not np.issubdtype(arr.dtype, np.number):
        return float("nan")
    value = float(arr.reshape(()).real)
    return value if np.isfinite(value) else float("nan")


def _problem(outcome: Outcome, x: float) -> str:
    if not outcome.ok:
        last = outcome.message.strip().splitlines()[-1] if outcome.message.strip() else ""
        return _("at x = {x:.3g}: {problem}", x=x, problem=last or outcome.kind)
    arr = as_array(outcome.value)
    if arr is None or arr.size != 1:
        return _("at x = {x:.3g}: did not return a single number", x=x)
    return _("at x = {x:.3g}: returned {value!r}", x=x, value=float(arr.reshape(()).real))


def curves(ex: Exercise, call: Caller, role: str, deadline: float | None = None
           ) -> list[Curve] | None:
    """One curve per series; None when the deadline passed (too slow to draw)."""
    assert ex.plot is not None
    out = []
    grid = xs(ex.plot)
    for label, points in _calls(ex, ex.plot):
        ys: list[float] = []
        problem = ""
        for x, args in zip(grid, points, strict=True):
            if deadline is not None and time.monotonic() > deadline:
                return None
            outcome = call(ex.plot.function, args)
            ys.append(_value(outcome))
            if not problem and np.isnan(ys[-1]):
                problem = _problem(outcome, float(x))
            if outcome.kind in FATAL:
                ys += [float("nan")] * (len(grid) - len(ys))  # the process is gone
                break
        out.append(Curve(role, label, ys, problem))
    return out


def reference_sweep(ex: Exercise) -> Sweep:
    from lossdrill.grading.reference import load_reference

    assert ex.plot is not None
    reference = load_reference(ex)
    found = curves(ex, reference.call, "reference") or []
    xlabel = ex.text("plot.x", language()) if ex.plot.x else ex.plot.sweep
    return Sweep(ex.plot.function, xlabel, xs(ex.plot).tolist(), found)


def sweep_of(ex: Exercise, call: Caller, loaded: Outcome) -> Sweep | None:
    """The learner's curves over the reference's, calling ``call`` (their file, ``loaded``:
    how its import went). None when there is nothing worth drawing: no plot key, the file or
    the function missing, the curves the same, or a learner too slow to sweep."""
    if ex.plot is None or not loaded.ok or ex.plot.function not in loaded.functions:
        return None
    deadline = time.monotonic() + BUDGET
    mine = curves(ex, call, "learner", deadline)
    if mine is None:
        return None
    sweep = reference_sweep(ex)
    sweep.curves += mine
    return sweep if sweep.differs() else None
