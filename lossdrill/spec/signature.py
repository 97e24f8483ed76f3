"""The parameters of a function as the spec writes its signature (``mse(y_true, y_pred) ->
float``), and whether a plot's call fits them.

Arguments travel positionally, so a call built from names (the `plot` key) needs the order
and which parameters have defaults; the signature the author already wrote says both.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import TYPE_CHECKING

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
    """'' when the plot's call fits the function's signature, else the problem with its key
    and the fix."""
    by_name = {f.name: f for f in functions}
    fn = by_name.get(plot.function)
    if fn is None:
        return (f"function: '{plot.function}' is not one of the exercise's functions "
                f"({', '.join(sorted(by_name))})")
    params = parameters(fn.signature)
    if not params:
        return f"function: the signature of {plot.function} ({fn.signature!r}) does not parse"
    names = [name for name, _ in params]
    shown = f"{plot.function}({', '.join(names)})"
    if plot.sweep not in names:
        return f"sweep: '{plot.sweep}' is not a parameter of {shown}; name the one to vary"
    own = [("args", plot.args)] + [(f"series[{i}].args", s.args)
                                   for i, s in enumerate(plot.series)]
    for key, args in own:
        for name in args:
            if name not in names:
                return f"{key}.{name}: not a parameter of {shown}"
            if name == plot.sweep:
                return f"{key}.{name}: is the swept argument; remove it from args"
    merged = [(key, {**plot.args, **args}) for key, args in own[1:]] or own
    for key, args in merged:
        missing = [n for n, default in params if not default and n != plot.sweep
                   and n not in args]
        if missing:
            return (f"{key}: missing {', '.join(missing)} (every argument of {shown} without "
                    "a default needs a value)")
        given = {plot.sweep, *args}
        last = max(names.index(n) for n in given)
        gaps = [n for n in names[:last] if n not in given]
        if gaps:
            return (f"{key}: give {', '.join(gaps)} too: arguments are passed by position, so "
                    "only trailing ones may be left out")
    return ""
