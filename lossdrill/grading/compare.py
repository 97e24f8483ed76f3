"""Compare a learner's result with the reference's: type, shape, precision, values.

Pure functions. A comparison says what differs twice: ``message`` names values and indices,
``brief`` names none (the form a hidden test shows, disclosure.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from lossdrill.i18n import _
from lossdrill.sandbox.protocol import FunctionRef, RngSeed
from lossdrill.spec.model import Tolerance

_PRECISION = {"float16": 16, "float32": 32, "float64": 64}


@dataclass(frozen=True)
class Comparison:
    ok: bool
    problem: str = ""  # "", type, shape, precision, not-finite, value
    message: str = ""  # in full: may name values and indices
    brief: str = ""  # names no value: the public form
    max_abs: float | None = None
    max_rel: float | None = None
    where: tuple[int, ...] | None = None


def as_array(value: Any) -> np.ndarray | None:
    """The learner's result as a numeric array, or None when it is not numbers at all."""
    if isinstance(value, (bool, np.bool_, tuple, dict, str)) or value is None:
        return None
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):
        return None  # a ragged list
    return arr if arr.dtype.kind in "iuf" else None


def compare(expected: Any, got: Any, tol: Tolerance) -> Comparison:
    if isinstance(expected, tuple) or (isinstance(expected, list)
                                       and as_array(expected) is None):
        # A tuple, or a list that is not one array (ragged, or of arrays of other shapes):
        # item by item.
        return _compare_tuple(tuple(expected), got, tol)
    if isinstance(expected, dict):
        return _compare_dict(expected, got, tol)
    if isinstance(expected, str):
        if got == expected:
            return Comparison(True)
        brief = (_("returned {what}", what=_kind_of(got)) if not isinstance(got, str) else
                 _("wrong text"))
        return Comparison(False, "type" if not isinstance(got, str) else "value",
                          _("expected {expected}, got {got}", expected=repr(expected),
                            got=abbreviate(got)), brief)
    want = np.asarray(expected)
    have = as_array(got)
    if have is None:
        what = _("a bool") if isinstance(got, (bool, np.bool_)) else _kind_of(got)
        brief = _("returned {got}, expected {expected}", got=what,
                  expected=_("a number") if want.ndim == 0 else _("an array"))
        return Comparison(False, "type", brief, brief)
    if have.shape != want.shape:
        expected_desc = (_("a single number (a scalar)") if want.ndim == 0 else
                         _("shape {shape}", shape=want.shape))
        got_desc = (_("a scalar") if have.ndim == 0 else
                    _("an array of shape {shape}", shape=have.shape))
        brief = _("returned {got}, expected {expected}", got=got_desc, expected=expected_desc)
        return Comparison(False, "shape", brief, brief)
    if _PRECISION.get(have.dtype.name, 99) < _PRECISION.get(want.dtype.name, 0):
        brief = _("returned {got}, expected {expected}: compute in float64 (lower precision "
                  "keeps only ~{digits} digits)", got=have.dtype.name, expected=want.dtype.name,
                  digits=3 if have.dtype.name == "float16" else 7)
        return Comparison(False, "precision", brief, brief)
    return _compare_values(want.astype(np.float64), have.astype(np.float64), tol)


def _compare_tuple(expected: tuple[Any, ...], got: Any, tol: Tolerance) -> Comparison:
    if not isinstance(got, (tuple, list)) or len(got) != len(expected):
        brief = _("returned {got}, expected {expected}", got=_kind_of(got),
                  expected=_("a tuple of {count} values", count=len(expected)))
        return Comparison(False, "type", brief, brief)
    for i, (want, have) in enumerate(zip(expected, got, strict=False)):
        result = compare(want, have, tol)
        if not result.ok:
            return Comparison(
                False, result.problem, _("item {i} of the result: {problem}", i=i,
                                         problem=result.message),
                _("item {i} of the result: {problem}", i=i, problem=result.brief),
                result.max_abs, result.max_rel, result.where,
            )
    return Comparison(True)


def _compare_dict(expected: dict[str, Any], got: Any, tol: Tolerance) -> Comparison:
    if not isinstance(got, dict) or set(got) != set(expected):
        keys = ", ".join(sorted(expected))
        brief = _("returned {got}, expected {expected}", got=_kind_of(got),
                  expected=_("a dict with keys {keys}", keys=keys))
        if isinstance(got, dict):
            brief = _("returned {got}, expected {expected}", expected=keys,
                      got=_("a dict with keys {keys}", keys=", ".join(sorted(got))))
        return Comparison(False, "type", brief, brief)
    for key in expected:
        result = compare(expected[key], got[key], tol)
        if not result.ok:
            return Comparison(False, result.problem, f"[{key!r}]: {result.message}",
                              f"[{key!r}]: {result.brief}", result.max_abs, result.max_rel,
                              result.where)
    return Comparison(True)


def close_mask(want: np.ndarray, have: np.ndarray, tol: Tolerance) -> np.ndarray:
    """Element-wise |have − want| ≤ atol + rtol·|want|; NaN matches NaN, ±∞ matches itself."""
    with np.errstate(invalid="ignore", over="ignore"):
        # An infinite expected value makes the tolerance infinite: only ∞ itself matches it.
        near = np.isfinite(want) & (np.abs(have - want) <= tol.atol + tol.rtol * np.abs(want))
    same_special = (np.isnan(want) & np.isnan(have)) | (np.isinf(want) & (have == want))
    return np.asarray(near | same_special)


def _compare_values(want: np.ndarray, have: np.ndarray, tol: Tolerance) -> Comparison:
    ok = close_mask(want, have, tol)
    if ok.all():
        return Comparison(True)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        abs_err = np.where(ok, 0.0, np.abs(have - want))
        rel_err = abs_err / np.abs(want)
    # nan_to_num would also turn ∞ into the largest float: an error of 1.8e308 is not news.
    abs_err = np.nan_to_num(abs_err, nan=np.inf, posinf=np.inf)
    flat = int(np.argmax(abs_err))
    where = tuple(int(i) for i in np.unravel_index(flat, want.shape)) if want.ndim else ()
    max_abs = float(abs_err.max())
    max_rel = float(np.nan_to_num(rel_err, nan=np.inf, posinf=np.inf).max())
    bad = ~np.isfinite(have) & np.isfinite(want)
    at = _(" at index {where}", where=where) if where else ""
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0]) if want.ndim else ()
        value = have[first] if want.ndim else have[()]
        spot = _(" at index {where}", where=first) if first else ""
        message = _("returned {value}{spot} where the reference is finite ({expected})",
                    value=value, spot=spot,
                    expected=_fmt(float(want[first] if want.ndim else want[()])))
        return Comparison(False, "not-finite", message,
                          _("returned NaN or ∞ where the reference is finite"), where=first)
    if want.ndim == 0:
        message = _("expected {expected}, got {got}", expected=_fmt(float(want)),
                    got=_fmt(float(have)))
    else:
        count = int((~ok).sum())
        message = _("{count} of {size} elements differ; worst{at}: expected {expected}, "
                    "got {got}", count=count, size=ok.size, at=at,
                    expected=_fmt(float(want[where])), got=_fmt(float(have[where])))
    message += _(" (abs error {abs}", abs=_fmt(max_abs)) + (
        _(", rel error {rel})", rel=_fmt(max_rel)) if np.isfinite(max_rel) else _(")"))
    return Comparison(False, "value", message, _("wrong value"), max_abs, max_rel, where)


def _kind_of(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, (list, tuple)):
        return _("a {type} that is not numbers", type=type(value).__name__)
    return _("a {type}", type=type(value).__name__)


def _fmt(x: float, digits: int = 6) -> str:
    return repr(float(x)) if digits >= ROUND_TRIP else f"{x:.{digits}g}"


ROUND_TRIP = 17  # significant digits that give back every float: printed as repr() then
_DIGITS = (6, 8, 10, 12, 14, ROUND_TRIP)


def abbreviate(value: Any, digits: int = 6) -> str:
    """An array or number shortened for a report line, numbers to ``digits`` significant
    digits (at ``ROUND_TRIP``, the shortest form that reads back as the same float)."""
    if isinstance(value, tuple):
        return "(" + ", ".join(abbreviate(v, digits) for v in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {abbreviate(v, digits)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "…")
    if isinstance(value, RngSeed):
        return f"np.random.default_rng({value.seed})"
    if isinstance(value, FunctionRef):
        return f"{value.name}(…)"
    arr = as_array(value)
    if arr is None:
        return repr(value)[:60]
    if arr.ndim == 0:
        return _fmt(float(arr), digits)
    if digits >= ROUND_TRIP:
        return np.array2string(arr, floatmode="unique", threshold=8, edgeitems=3,
                               max_line_width=70)
    return np.array2string(arr, precision=digits, threshold=8, edgeitems=3, max_line_width=70)


def abbreviate_apart(values: list[Any]) -> list[str]:
    """``values`` abbreviated with one number of digits, the fewest (from 6) at which values
    that differ read differently — two inputs of a test, expected and got, the elements of
    one small array: 1e8 and 1e8 + 1 are not both `1.e+08`. Up to the round-trip form."""
    arrays = [as_array(v) for v in values]
    shown: list[str] = []
    for digits in _DIGITS:
        shown = [abbreviate(v, digits) for v in values]
        if _apart(arrays, shown):
            break
    return shown


def _apart(arrays: list[np.ndarray | None], shown: list[str]) -> bool:
    for i, a in enumerate(arrays):
        if a is None or a.dtype.kind not in "fc":
            continue
        if a.ndim and a.size <= 8:  # every element printed: distinct ones read distinct
            tokens = [t for t in re.findall(r"[^\s\[\],]+", shown[i]) if t != "..."]
            if len(set(tokens)) < len(np.unique(a)):
                return False
        for j in range(i):
            b = arrays[j]
            if (b is not None and b.shape == a.shape and shown[i] == shown[j]
                    and not np.array_equal(a, b, equal_nan=True)):
                return False
    return True
