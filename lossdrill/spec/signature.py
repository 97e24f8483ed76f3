"""The parameters of a function as the spec writes its signature (``mse(y_true, y_pred) ->
float``), and whether a plot's call fits them.

Arguments travel positionally, so a call built from names (the `plot` key) needs the order
and which parameters have defaults; the signature the author already wrote says both.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import TYPE_CHECKING

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
    """'' when the plot's call fits the function's signature, else the problem with its key
    and the fix."""
    by_name = {f.name: f for f in functions}
    fn = by_name.get(plot.function)
    if fn is None:
        return _("function: '{function}' is not one of the exercise's functions ({names})",
                 function=plot.function, names=", ".join(sorted(by_name)))
    params = parameters(fn.signature)
    if not params:
        return _("function: the signature of {function} ({signature}) does not parse",
                 function=plot.function, signature=repr(fn.signature))
    names = [name for name, _ in params]
    shown = f"{plot.function}({', '.join(names)})"
    if plot.sweep not in names:
        return _("sweep: '{sweep}' is not a parameter of {call}; name the one to vary",
                 sweep=plot.sweep, call=shown)
    own = [("args", plot.args)] + [(f"series[{i}].args", s.args)
                                   for i, s in enumerate(plot.series)]
    for key, args in own:
        for name in args:
            if name not in names:
                return _("{key}.{name}: not a parameter of {call}", key=key, name=name,
                         call=shown)
            if name == plot.sweep:
                return _("{key}.{name}: is the swept argument; remove it from args", key=key,
                         name=name)
    merged = [(key, {**plot.args, **args}) for key, args in own[1:]] or own
    for key, args in merged:
        missing = [n for n, default in params if not default and n != plot.sweep
                   and n not in args]
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
