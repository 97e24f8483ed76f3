"""A loss as a curve of one variable: the function of an exercise's `plot` key called on a
sweep of x, for the reference and, through the learner's own sandboxed process, the learner.

The inputs are synthetic (the plot key's literals and the sweep), never a hidden test's, so a
curve reveals nothing hidden. Drawing is plots.py's job; this module only computes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
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
class Mark:
    x: float
    label: str


@dataclass
class Sweep:
    function: str
    xlabel: str
    x: list[float]
    curves: list[Curve] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    def departures(self) -> dict[str, list[tuple[float, float]]]:
        """For each learner curve (by label) that leaves its reference, the stretches of x
        where it does, as (first, last) x of each run of differing points."""
        refs = {c.series: np.asarray(c.y) for c in self.curves if c.role == "reference"}
        out = {}
        for curve in self.curves:
            if curve.role != "learner":
                continue
            ref, mine = refs[curve.series], np.asarray(curve.y)
            same = np.isclose(mine, ref, rtol=RTOL, atol=ATOL) | (np.isnan(mine) & np.isnan(ref))
            runs, start = [], None
            for i, agrees in enumerate([*same.tolist(), True]):
                if not agrees and start is None:
                    start = i
                elif agrees and start is not None:
                    runs.append((self.x[start], self.x[i - 1]))
                    start = None
            if runs:
                out[curve.label] = runs
        return out

    def differs(self) -> bool:
        """Whether some learner curve leaves its reference somewhere."""
        return bool(self.departures())


def sweep_to_data(sweep: Sweep) -> dict[str, Any]:
    return asdict(sweep)


def sweep_from_data(data: dict[str, Any]) -> Sweep:
    fields = dict(data)
    fields["curves"] = [Curve(**c) for c in data.get("curves", [])]
    fields["marks"] = [Mark(**m) for m in data.get("marks", [])]
    return Sweep(**fields)


def xs(plot: Plot) -> np.ndarray:
    return np.linspace(plot.range[0], plot.range[1], plot.points)


def swept(plot: Plot, x: float) -> np.ndarray:
    """The swept argument at x: ``origin + x·direction``, by default the array ``[x]``."""
    if plot.origin is None:
        return np.array([x])
    origin = np.asarray(plot.origin, dtype=np.float64)
    return origin + x * np.asarray(plot.direction, dtype=np.float64)


def _calls(ex: Exercise, plot: Plot) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Per series: its label, its function and the arguments of each point's call, in the
    function's signature order."""
    out = []
    lang = language()
    labelled = [(ex.text(f"plot.series[{i}].label", lang), s.args)
                for i, s in enumerate(plot.series)]
    for (label, extra), function in zip(labelled or [("", {})], plot.functions(), strict=True):
        signature = next(f.signature for f in ex.functions if f.name == function)
        order = [name for name, _ in parameters(signature)]
        fixed = resolve_args({**plot.args, **extra}, rng_for(VISIBLE_SEED, "plot"))
        points = []
        for x in xs(plot):
            given = {**fixed, plot.sweep: swept(plot, float(x))}
            points.append({name: given[name] for name in order if name in given})
        out.append((label, function, points))
    return out


def marks(ex: Exercise) -> list[Mark]:
    assert ex.plot is not None
    return [Mark(m.x, ex.text(f"plot.marks[{i}].label", language()))
            for i, m in enumerate(ex.plot.marks)]


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


def curves(ex: Exercise, call: Caller, role: str, deadline: float | None = None,
           defined: Collection[str] | None = None) -> list[Curve] | None:
    """One curve per series (of the functions ``defined``, when given); None when the
    deadline passed (too slow to draw)."""
    assert ex.plot is not None
    out = []
    grid = xs(ex.plot)
    for label, function, points in _calls(ex, ex.plot):
        if defined is not None and function not in defined:
            continue
        ys: list[float] = []
        problem = ""
        for x, args in zip(grid, points, strict=True):
            if deadline is not None and time.monotonic() > deadline:
                return None
            outcome = call(function, args)
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
    # Every function drawn ("rmse, mae"), once each, in the order of the series.
    functions = ", ".join(dict.fromkeys(ex.plot.functions()))
    return Sweep(functions, xlabel, xs(ex.plot).tolist(), found, marks(ex))


def sweep_of(ex: Exercise, call: Caller, loaded: Outcome) -> Sweep | None:
    """The learner's curves over the reference's, calling ``call`` (their file, ``loaded``:
    how its import went): of each series whose function the file defines. None when there
    is nothing worth drawing: no plot key, the file or every function missing, the curves
    the same, or a learner too slow to sweep."""
    drawn = set(ex.plot.functions()) if ex.plot is not None else set()
    if ex.plot is None or not loaded.ok or not drawn & set(loaded.functions):
        return None
    deadline = time.monotonic() + BUDGET
    mine = curves(ex, call, "learner", deadline, loaded.functions)
    if mine is None:
        return None
    sweep = reference_sweep(ex)
    sweep.curves += mine
    return sweep if sweep.differs() else None
