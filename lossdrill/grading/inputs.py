"""Test inputs: literals as written, generators drawn from a seeded NumPy generator."""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from lossdrill.sandbox.protocol import FunctionRef, RngSeed
from lossdrill.spec.model import CopyOf, FunctionInput, Generated, Literal_, RngInput

# Visible tests keep the same vectors from one check to the next unless they pin their own.
VISIBLE_SEED = 0


def rng_for(seed: int, test_name: str) -> np.random.Generator:
    """One independent stream per (seed, test): adding a test does not shift the others."""
    return np.random.default_rng([seed, zlib.crc32(test_name.encode("utf-8"))])


def resolve_args(args: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    resolved = {name: resolve(value, rng) for name, value in args.items()}
    for name, value in args.items():
        if isinstance(value, CopyOf):
            resolved[name] = resolved[value.copy_of]
    return resolved


def resolve(value: Any, rng: np.random.Generator) -> Any:
    if isinstance(value, Generated):
        return generate(value, rng)
    if isinstance(value, RngInput):
        return RngSeed(value.rng if value.rng is not None else int(rng.integers(2**31)))
    if isinstance(value, FunctionInput):
        return FunctionRef(value.function, {k: resolve(v, rng) for k, v in value.bound.items()})
    if isinstance(value, Literal_):
        return np.asarray(value.value, dtype=value.dtype)
    if isinstance(value, list):
        return np.asarray(value)
    return value  # a scalar argument (eps, delta, …) stays a Python number


def generate(g: Generated, rng: np.random.Generator) -> np.ndarray:
    shape = g.shape
    out: np.ndarray
    if g.generate == "normal":
        out = rng.normal(g.loc, g.scale, size=shape)
    elif g.generate == "uniform":
        out = rng.uniform(g.low, g.high, size=shape)
    elif g.generate == "integers":
        out = rng.integers(int(g.low), int(g.high), size=shape, endpoint=True)
    elif g.generate == "labels":
        out = rng.choice(np.asarray(g.values), size=shape)
    elif g.generate == "probabilities":
        # Strictly inside (0, 1): the edges are tested on purpose, with literals.
        out = rng.uniform(0.01, 0.99, size=shape)
    else:  # one_hot: shape is (N,), classes columns
        labels = rng.integers(0, g.classes, size=shape)
        out = np.eye(g.classes)[labels]
    return out.astype(g.dtype) if g.dtype else out
