"""What the reference cross-checks share: loading a spec pack's solutions as modules, and a
small stand-in for the engine that runs a spec's tests on plain functions — inputs resolved as
the spec describes them (generators from a fixed seed) and passed read-only, as the grader
passes them — so the references and their mistakes are checked independently of lossdrill's
own grading code."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from lossdrill.spec.load import load_exercise
from lossdrill.spec.model import CopyOf, Exercise, Generated, Literal_

ROOT = Path(__file__).resolve().parent.parent


def load_solution(stem: str) -> ModuleType:
    path = ROOT / "solutions" / f"{stem}.py"
    spec = importlib.util.spec_from_file_location(f"_lossdrill_reference_{stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pack(stems: tuple[str, ...]) -> tuple[dict[str, ModuleType], dict[str, Exercise]]:
    """The solutions modules and the specs of these exercises, by file stem."""
    solutions = {stem: load_solution(stem) for stem in stems}
    exercises = {stem: load_exercise(ROOT / "exercises" / f"{stem}.yaml") for stem in stems}
    return solutions, exercises


def central_differences(f: Callable[[np.ndarray], float], x: np.ndarray,
                        h: float = 1e-6) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        out[i] = (f(up) - f(down)) / (2 * h)
    return out


def generate(g: Generated, rng: np.random.Generator) -> np.ndarray:
    if g.generate == "normal":
        out = rng.normal(g.loc, g.scale, size=g.shape)
    elif g.generate == "uniform":
        out = rng.uniform(g.low, g.high, size=g.shape)
    elif g.generate == "integers":
        out = rng.integers(int(g.low), int(g.high), size=g.shape, endpoint=True)
    elif g.generate == "labels":
        out = rng.choice(np.asarray(g.values), size=g.shape)
    elif g.generate == "probabilities":
        out = rng.uniform(0.01, 0.99, size=g.shape)
    else:
        out = np.eye(g.classes)[rng.integers(0, g.classes, size=g.shape)]
    return out.astype(g.dtype) if g.dtype else out


def resolve(args: dict[str, Any], seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    out: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, Generated):
            value = generate(value, rng)
        elif isinstance(value, Literal_):
            value = np.asarray(value.value, dtype=value.dtype)
        elif isinstance(value, list):
            value = np.asarray(value)
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
        out[name] = value
    for name, value in args.items():
        if isinstance(value, CopyOf):
            out[name] = out[value.copy_of]
    return out


def call(fn: Callable[..., Any], args: dict[str, Any]) -> tuple[str, Any]:
    """("ok", result) or ("raises", exception type name)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return "ok", fn(**args)
    except Exception as exc:  # noqa: BLE001 - a variant may raise anything
        return "raises", type(exc).__name__


def same(a: tuple[str, Any], b: tuple[str, Any], rtol: float, atol: float) -> bool:
    """Would the grader see these two outcomes as the same? Kind, type, shape and value;
    NaN, +∞ and −∞ only match themselves."""
    if a[0] != b[0]:
        return False
    if a[0] == "raises":
        return a[1] == b[1]
    x, y = a[1], b[1]
    if isinstance(x, np.ndarray) != isinstance(y, np.ndarray):
        return False
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape or x.dtype != y.dtype:
        return False
    return bool(np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True))


def one_sided(loss: Callable[..., float], args: dict[str, Any], wrt: str,
              h: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """Left and right finite-difference derivatives of `loss` with respect to `wrt`."""
    base = np.asarray(args[wrt], dtype=np.float64)
    f0 = loss(**args)
    left, right = np.empty(base.shape), np.empty(base.shape)
    for i in np.ndindex(base.shape):
        for sign, out in ((1.0, right), (-1.0, left)):
            moved = base.copy()
            moved[i] += sign * h
            out[i] = sign * (loss(**{**args, wrt: moved}) - f0) / h
    return left, right


def gradient_ok(grad: Any, args: dict[str, Any], loss: Callable[..., float], wrt: str,
                rtol: float) -> bool:
    """The gradient matches the loss: the derivative where it exists, a subgradient at kinks."""
    g = np.asarray(grad, dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        left, right = one_sided(loss, args, wrt)
    lo, hi = np.minimum(left, right), np.maximum(left, right)
    slack = 1e-6 + rtol * np.abs(hi)
    return bool(np.all((g >= lo - slack) & (g <= hi + slack)))
