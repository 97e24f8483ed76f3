"""The parameters of a function as the spec writes its signature (``mse(y_true, y_pred) ->
float``), and whether a plot's call fits them.

Arguments travel positionally, so a call built from names (the `plot` key) needs the order
and which parameters have defaults; the signature the author already wrote says both.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from lossdrill.i18n import _

if TYPE_CHECKING:
    from lossdrill.spec.model import FunctionSpec, Plot


def parameters(signature: str) -> list[tuple[str, bool]]:
    """(name, has a default) for each parameter, in order; [] when it does not parse."""
    head = signature.split("->")[0].strip()
    try:
        tree = ast.parse(f"def {head}: pass")
    except SyntaxError:
        return []
    fn = tree.body[0]
    assert isinstance(fn, ast.FunctionDef)
    positional = fn.args.posonlyargs + fn.args.args
    first_default = len(positional) - len(fn.args.defaults)
    named = [(a.arg, i >= first_default) for i, a in enumerate(positional)]
    named += [(a.arg, d is not None) for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults,
                                                         strict=True)]
    return named


def check_plot_call(plot: Plot, functions: Iterable[FunctionSpec]) -> str:
    """'' when each curve's call fits its function's signature, and the sweep's shape and
    marks make sense; else the problem with its key and the fix."""
    by_name = {f.name: f for f in functions}
    if plot.series:
        curves = [(f"series[{i}]", s.function or plot.function, s.args)
                  for i, s in enumerate(plot.series)]
    else:
        curves = [("", plot.function, {})]
    for where, function, own in curves:
        problem = _check_call(plot, by_name, where, function, own)
        if problem:
            return problem
    return _check_sweep(plot)


def _check_call(plot: Plot, by_name: dict[str, FunctionSpec], where: str, function: str,
                own: Mapping[str, Any]) -> str:
    key_of = f"{where}.function" if where and function != plot.function else "function"
    fn = by_name.get(function)
    if fn is None:
        return _("{key}: '{function}' is not one of the exercise's functions ({names})",
                 key=key_of, function=function, names=", ".join(sorted(by_name)))
    params = parameters(fn.signature)
    if not params:
        return _("{key}: the signature of {function} ({signature}) does not parse",
                 key=key_of, function=function, signature=repr(fn.signature))
    names = [name for name, _ in params]
    shown = f"{function}({', '.join(names)})"
    if plot.sweep not in names:
        return _("sweep: '{sweep}' is not a parameter of {call}; name the one to vary",
                 sweep=plot.sweep, call=shown)
    for key, args in [("args", plot.args), (f"{where}.args", own)]:
        for name in args:
            if name not in names:
                return _("{key}.{name}: not a parameter of {call}", key=key, name=name,
                         call=shown)
            if name == plot.sweep:
                return _("{key}.{name}: is the swept argument; remove it from args", key=key,
                         name=name)
    key = f"{where}.args" if where else "args"
    args = {**plot.args, **own}
    missing = [n for n, default in params if not default and n != plot.sweep and n not in args]
    if missing:
        return _("{key}: missing {names} (every argument of {call} without a default "
                 "needs a value)", key=key, names=", ".join(missing), call=shown)
    given = {plot.sweep, *args}
    last = max(names.index(n) for n in given)
    gaps = [n for n in names[:last] if n not in given]
    if gaps:
        return _("{key}: give {names} too: arguments are passed by position, so only "
                 "trailing ones may be left out", key=key, names=", ".join(gaps))
    return ""


def _check_sweep(plot: Plot) -> str:
    """``origin`` and ``direction`` numeric arrays of one shape; marks inside the range."""
    import numpy as np

    shapes = {}
    for key in ("origin", "direction"):
        value = getattr(plot, key)
        if value is None:
            continue
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            array = None
        if array is None or array.size == 0 or not np.isfinite(array).all():
            return _("{key}: expected a non-empty array of finite numbers, e.g. [[0.0, 0.0]]; "
                     "got {value}", key=key, value=repr(value))
        shapes[key] = array.shape
    if len(set(shapes.values())) > 1:
        return _("origin, direction: shapes {origin} and {direction} differ; give both the "
                 "swept argument's shape", origin=shapes["origin"],
                 direction=shapes["direction"])
    if len(shapes) == 1:
        missing = "direction" if "origin" in shapes else "origin"
        return _("{key}: give it too, with {other}'s shape {shape} (the swept argument is "
                 "origin + x·direction)", key=missing, other=next(iter(shapes)),
                 shape=next(iter(shapes.values())))
    low, high = plot.range
    for i, mark in enumerate(plot.marks):
        if not low <= mark.x <= high:
            return _("marks[{i}].x: {x} is outside the range [{low}, {high}]; move the mark "
                     "or widen the range", i=i, x=mark.x, low=low, high=high)
    return ""
