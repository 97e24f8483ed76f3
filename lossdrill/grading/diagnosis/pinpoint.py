"""Where a wrong loss goes wrong: the samples that disagree, and what they have in common.

When a scalar loss is wrong, the learner's function and the reference are called on each
sample of the failing input alone (one row of every per-sample argument). The samples whose
values differ are compared with the exercise's named patterns (the negative class, residuals
beyond δ, p exactly 0, …, declared as PATTERNS in the solutions file) and with generic ones:
none differ (the reduction is wrong), all differ by one factor, all differ. Each is said in
both forms (disclosure.py): the public one names no sample and no element.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from lossdrill.grading.compare import abbreviate, as_array, close_mask
from lossdrill.grading.disclosure import Said, Samples
from lossdrill.grading.results import SampleRow
from lossdrill.i18n import _
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Tolerance

MAX_SAMPLES = 64  # samples called one by one; a longer input is pinpointed on its first 64
SHOWN_ROWS = 5

Call = Callable[[dict[str, Any]], Outcome]
# (text, predicate over one sample's arguments by name): from the solutions file's PATTERNS.
Pattern = tuple[Any, Callable[..., Any]]


def per_sample(args: dict[str, Any]) -> int:
    """The number of samples: the leading length shared by the array arguments, if any."""
    lengths = {np.shape(v)[0] for v in args.values()
               if isinstance(v, np.ndarray) and v.ndim > 0}
    return lengths.pop() if len(lengths) == 1 else 0


def sample(args: dict[str, Any], i: int, n: int) -> dict[str, Any]:
    """Sample i alone, keeping every array's number of dimensions."""
    return {k: v[i:i + 1] if isinstance(v, np.ndarray) and v.ndim > 0 and len(v) == n else v
            for k, v in args.items()}


def _scalar(outcome: Outcome) -> float | None:
    if not outcome.ok:
        return None
    arr = as_array(outcome.value)
    return float(arr) if arr is not None and arr.ndim == 0 else None


def pinpoint(learner: Call, reference: Call, args: dict[str, Any], tol: Tolerance,
             patterns: Sequence[Pattern], lang: str = "en") -> Samples | None:
    n = per_sample(args)
    if n < 2:
        return None
    count = min(n, MAX_SAMPLES)
    expected: list[float] = []
    got: list[float | None] = []
    samples = []
    for i in range(count):
        one = sample(args, i, n)
        want = _scalar(reference(one))
        if want is None:
            return None  # the reference has no answer per sample (or none recorded)
        samples.append(one)
        expected.append(want)
        got.append(_scalar(learner(one)))
    want_arr = np.array(expected)
    have_arr = np.array([np.nan if g is None else g for g in got])
    differs = ~close_mask(want_arr, have_arr, tol) | np.array([g is None for g in got])
    pattern = Said(*(_pattern(differs, want_arr, have_arr, samples, patterns, hidden, lang)
                     for hidden in (False, True)))
    rows = [
        SampleRow(i, {k: abbreviate(v) for k, v in samples[i].items()
                      if isinstance(v, np.ndarray)},
                  abbreviate(expected[i]), "failed" if got[i] is None else abbreviate(got[i]))
        for i in (np.flatnonzero(differs)[:SHOWN_ROWS] if differs.any() else range(min(3, count)))
    ]
    return Samples(pattern, int(differs.sum()), count, rows)


def _pattern(differs: np.ndarray, want: np.ndarray, have: np.ndarray,
             samples: list[dict[str, Any]], patterns: Sequence[Pattern], hidden: bool,
             lang: str) -> str:
    total = len(differs)
    if not differs.any():
        return _("every sample on its own gives the right value: the mistake is in how the "
                 "per-sample terms are combined (average over all of them, once)")
    # Samples whose right value is 0 cannot show a factor: judge the others.
    nonzero = want != 0
    if differs[nonzero].all() and not differs[~nonzero].any() and nonzero.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = have[nonzero] / want[nonzero]
        if np.isfinite(ratios).all() and np.allclose(ratios, ratios[0], rtol=1e-6):
            which = _("every sample") if nonzero.all() else _("every sample whose term is not 0")
            return _("{which} is off by the same factor, ×{factor}", which=which,
                     factor=f"{ratios[0]:.4g}")
    for text, predicate in patterns:
        try:
            holds = np.array([bool(predicate(**one)) for one in samples])
        except Exception:  # a pattern that does not apply to these arguments
            continue
        if np.array_equal(holds, differs):
            label = text.get(lang, text["en"]) if isinstance(text, dict) else str(text)
            if differs.all():
                return _("every sample differs, and in every one {label}", label=label)
            return _("{count} of {total} samples differ: exactly those where {label}",
                     count=int(differs.sum()), total=total, label=label)
    if differs.all():
        return _("every sample's value is wrong")
    where = "" if hidden else _(" (samples {indices})",
                                indices=", ".join(map(str, np.flatnonzero(differs)[:8])))
    return _("{count} of {total} samples differ{where}, with no simple rule",
             count=int(differs.sum()), total=total, where=where)


def array_pattern(expected: Any, got: Any, tol: Tolerance) -> Said | None:
    """Where a wrong array result is wrong, when a rule fits: every element by one factor or
    one offset, whole rows, whole columns; else (in full only) the worst elements."""
    full = _array_pattern(expected, got, tol, hidden=False)
    return None if full is None else Said(full, _array_pattern(expected, got, tol, hidden=True)
                                          or "")


def _array_pattern(expected: Any, got: Any, tol: Tolerance, hidden: bool) -> str | None:
    want, have = as_array(expected), as_array(got)
    if want is None or have is None or want.shape != have.shape or want.ndim == 0:
        return None
    want, have = want.astype(np.float64), have.astype(np.float64)
    wrong = ~close_mask(want, have, tol)
    if not wrong.any():
        return None
    nonzero = want != 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = have[nonzero] / want[nonzero]
    if (nonzero.any() and not wrong[~nonzero].any() and np.isfinite(ratios).all()
            and np.allclose(ratios, ratios.flat[0], rtol=1e-6)):
        return _("every element is off by the same factor, ×{factor}",
                 factor=f"{ratios.flat[0]:.4g}")
    with np.errstate(invalid="ignore", over="ignore"):
        offsets = have - want
    if np.isfinite(offsets).all() and wrong.all() and np.allclose(offsets, offsets.flat[0],
                                                                    rtol=1e-6, atol=tol.atol):
        return _("every element is off by the same amount, {offset:+.4g}",
                 offset=float(offsets.flat[0]))
    if want.ndim == 2 and want.shape[0] > 1 and want.shape[1] > 1:
        rows = wrong.all(axis=1)
        if rows.any() and not rows.all() and not wrong[~rows].any():
            which = "" if hidden else " (" + ", ".join(map(str, np.flatnonzero(rows)[:8])) + ")"
            return _("whole rows are wrong{which}, the others right: look at what a row shares",
                     which=which)
        cols = wrong.all(axis=0)
        if cols.any() and not cols.all() and not wrong[:, ~cols].any():
            which = "" if hidden else " (" + ", ".join(map(str, np.flatnonzero(cols)[:8])) + ")"
            return _("whole columns are wrong{which}, the others right: is the axis right?",
                     which=which)
    if hidden:
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        worst = np.argsort(-np.nan_to_num(np.abs(have - want), nan=np.inf), axis=None)[:3]
    spots = [tuple(int(i) for i in np.unravel_index(k, want.shape)) for k in worst
             if wrong.flat[k]]
    return _("the worst elements: {spots}", spots="; ".join(
        _("{index} expected {expected}, got {got}", index=str(s), expected=f"{want[s]:.6g}",
          got=f"{have[s]:.6g}") for s in spots))
