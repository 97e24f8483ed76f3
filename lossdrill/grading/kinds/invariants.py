"""The catalogue of properties a property test may name: invariants the grader checks by
calling the learner's function.

Each property gets a Context (a way to call the function under test, the test's resolved
arguments, its params, a seeded generator and the tolerance) and returns None when the
invariant holds, or a message saying which one failed. Messages name no input or expected
value, so they are safe for hidden tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from lossdrill.grading.compare import as_array, close_mask
from lossdrill.i18n import N_, _
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Tolerance


class CallFailed(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.message)
        self.outcome = outcome


@dataclass
class Context:
    call_learner: Callable[[dict[str, Any]], Outcome]
    args: dict[str, Any]
    params: dict[str, Any]
    rng: np.random.Generator
    tol: Tolerance

    def call(self, args: dict[str, Any] | None = None) -> Any:
        outcome = self.call_learner(self.args if args is None else args)
        if not outcome.ok:
            raise CallFailed(outcome)
        return outcome.value

    def numbers(self, value: Any) -> np.ndarray:
        """The result (or its item ``params.item`` when it is a tuple) as a float array."""
        if isinstance(value, (tuple, list)) and "item" in self.params:
            value = value[int(self.params["item"])]
        arr = as_array(value)
        if arr is None:
            raise PropertyViolated(_("did not return numbers"))
        return arr.astype(np.float64)

    def same(self, a: Any, b: Any) -> bool:
        x, y = self.numbers(a), self.numbers(b)
        return x.shape == y.shape and bool(close_mask(x, y, self.tol).all())


class PropertyViolated(Exception):
    """Raised by helpers when a result cannot even be checked."""


def _array_args(ctx: Context) -> list[str]:
    names = ctx.params.get("args")
    if names:
        return list(names)
    return [k for k, v in ctx.args.items() if isinstance(v, np.ndarray) and v.ndim > 0]


def non_negative(ctx: Context) -> str | None:
    value = ctx.numbers(ctx.call())
    if (value < -ctx.tol.atol).any():
        return _("returned a negative value: a loss is never below zero")
    return None


def zero(ctx: Context) -> str | None:
    value = ctx.numbers(ctx.call())
    if not (np.abs(value) <= max(ctx.tol.atol, 1e-12)).all():
        return _("is not zero where it must be (a perfect prediction costs nothing)")
    return None


def permutation_invariant(ctx: Context) -> str | None:
    names = _array_args(ctx)
    n = len(ctx.args[names[0]])
    order = ctx.rng.permutation(n)
    shuffled = {**ctx.args, **{k: np.asarray(ctx.args[k])[order] for k in names}}
    if not ctx.same(ctx.call(), ctx.call(shuffled)):
        return _("changes when the samples are shuffled: a mean over samples must not depend "
                 "on their order")
    return None


def shift_invariant(ctx: Context) -> str | None:
    """Adding a constant along the reduced axis (per row) leaves the result unchanged."""
    name = ctx.params.get("arg") or _array_args(ctx)[0]
    axis = int(ctx.params.get("axis", -1))
    x = np.asarray(ctx.args[name], dtype=np.float64)
    shape = list(x.shape)
    shape[axis] = 1
    shift = ctx.rng.uniform(-50, 50, size=shape)
    if not ctx.same(ctx.call(), ctx.call({**ctx.args, name: x + shift})):
        return _("changes when a constant is added to every logit of a row: subtract the "
                 "row's maximum, the result must not depend on it")
    return None


def symmetric(ctx: Context) -> str | None:
    a, b = ctx.params.get("args") or _array_args(ctx)[:2]
    swapped = {**ctx.args, a: ctx.args[b], b: ctx.args[a]}
    if not ctx.same(ctx.call(), ctx.call(swapped)):
        return _("is not symmetric: swapping {a} and {b} changes the result", a=a, b=b)
    return None


def nondecreasing(ctx: Context) -> str | None:
    """The result (or one item of it) never decreases along its elements."""
    value = ctx.numbers(ctx.call()).ravel()
    slack = ctx.tol.atol + ctx.tol.rtol * np.abs(value[:-1])
    if (np.diff(value) < -slack).any():
        what = _(str(ctx.params.get("what", N_("the result"))))
        return _("{what} decreases somewhere, and it cannot", what=what)
    return None


def dropout_fraction(ctx: Context) -> str | None:
    """Inverted dropout, judged statistically (whatever generator calls the learner made):
    where the input is not 0, the fraction of outputs that are 0 is p, and the output divided
    by the input averages 1 (kept entries are scaled by 1/(1 − p)), each within ``sigmas``
    standard errors. params: ``x`` and ``p`` name the arguments (default "x" and "p")."""
    x = np.asarray(ctx.args[ctx.params.get("x", "x")], dtype=np.float64)
    p = float(ctx.args[ctx.params.get("p", "p")])
    sigmas = float(ctx.params.get("sigmas", 5.0))
    out = ctx.numbers(ctx.call())
    if out.shape != x.shape:
        raise PropertyViolated(_("returned shape {shape}, expected the input's shape",
                                 shape=out.shape))
    live = x != 0
    n = int(live.sum())
    if n == 0 or not 0.0 < p < 1.0:
        raise PropertyViolated(_("cannot be checked: the test needs 0 < p < 1 and a non-zero "
                                 "x"))
    dropped = float(np.mean(out[live] == 0.0))
    if abs(dropped - p) > sigmas * np.sqrt(p * (1.0 - p) / n):
        return _("zeroed {dropped:.1%} of the entries, too far from the rate p: keep an entry "
                 "where rng.random(x.shape) >= p and zero it otherwise", dropped=dropped)
    # Each out/x is keep/(1 − p): mean 1 and variance p/(1 − p) under inverted dropout.
    mean = float(np.mean(out[live] / x[live]))
    if abs(mean - 1.0) > sigmas * np.sqrt(p / ((1.0 - p) * n)):
        return _("changes the mean: the output averages {mean:.3g} times the input instead of "
                 "1; scale the entries that are kept by 1/(1 − p) (inverted dropout)", mean=mean)
    return None


def gradient_consistent(ctx: Context) -> str | None:
    """The result is a (loss, gradient) pair, and the gradient is the derivative of the loss
    with respect to the argument ``wrt``, by central differences (step ``step``). params:
    ``wrt``; ``loss`` and ``grad``, the items' positions (default 0 and 1)."""
    wrt = str(ctx.params["wrt"])
    li, gi = int(ctx.params.get("loss", 0)), int(ctx.params.get("grad", 1))
    step = float(ctx.params.get("step", 1e-6))
    x = np.asarray(ctx.args[wrt], dtype=np.float64)

    def item(value: Any, i: int) -> np.ndarray:
        if not isinstance(value, (tuple, list)) or len(value) <= max(li, gi):
            raise PropertyViolated(_("did not return a (loss, gradient) pair"))
        arr = as_array(value[i])
        if arr is None:
            raise PropertyViolated(_("returned an item {i} that is not numbers", i=i))
        return arr.astype(np.float64)

    grad = item(ctx.call(), gi)
    if grad.shape != x.shape:
        raise PropertyViolated(_("returned a gradient of shape {shape}, expected the shape of "
                                 "{wrt} {expected}", shape=grad.shape, wrt=wrt, expected=x.shape))
    slopes = np.empty(x.size)
    for i in range(x.size):
        flat_move = np.zeros(x.size)
        flat_move[i] = step
        move = flat_move.reshape(x.shape)
        up = item(ctx.call({**ctx.args, wrt: x + move}), li)
        down = item(ctx.call({**ctx.args, wrt: x - move}), li)
        if up.ndim or down.ndim:
            raise PropertyViolated(_("returned a loss (item {i}) that is not a single number",
                                     i=li))
        slopes[i] = (float(up) - float(down)) / (2 * step)
    fd = slopes.reshape(x.shape)
    # As tolerant as the gradient tests' finite differences (gradient.FD_TOLERANCE).
    if not close_mask(fd, grad, Tolerance(rtol=1e-4, atol=1e-6)).all():
        return _("returns a gradient (item {gi}) that is not the derivative of its own loss "
                 "(item {li}) with respect to {wrt}: central differences give a different slope",
                 gi=gi, li=li, wrt=wrt)
    return None


PROPERTIES: dict[str, Callable[[Context], str | None]] = {
    "non-negative": non_negative,
    "zero": zero,
    "permutation-invariant": permutation_invariant,
    "shift-invariant": shift_invariant,
    "symmetric": symmetric,
    "nondecreasing": nondecreasing,
    "dropout-fraction": dropout_fraction,
    "gradient-consistent": gradient_consistent,
}
