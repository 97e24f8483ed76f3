"""Reference solutions and their mistake variants, loaded into the grader (trusted code)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from lossdrill.errors import SpecError
from lossdrill.sandbox.local import LocalFunctions
from lossdrill.sandbox.process import Outcome
from lossdrill.spec import Exercise

Functions = dict[str, Callable[..., Any]]


class ReferenceSource(Protocol):
    """Where grading gets the right answers, and the mistakes' answers, from: the reference
    code itself, or answers recorded from it (a released student pack)."""

    @property
    def mistakes(self) -> Mapping[str, Collection[str]]:
        """Mistake id → the names of the functions its variant replaces."""
        ...

    def call(self, function: str, args: dict[str, Any]) -> Outcome: ...

    def call_variant(self, mistake_id: str, function: str, args: dict[str, Any]) -> Outcome: ...


@dataclass(frozen=True)
class Reference:
    functions: Functions
    # mistake id → the functions it replaces; the others stay the reference's.
    variants: dict[str, Functions]
    _callers: dict[str, LocalFunctions] = field(default_factory=dict, compare=False)

    @property
    def mistakes(self) -> Mapping[str, Collection[str]]:
        return {mid: set(replaced) for mid, replaced in self.variants.items()}

    def with_mistake(self, mistake_id: str) -> Functions:
        return {**self.functions, **self.variants[mistake_id]}

    def call(self, function: str, args: dict[str, Any]) -> Outcome:
        return self._caller("").call(function, args)

    def call_variant(self, mistake_id: str, function: str, args: dict[str, Any]) -> Outcome:
        return self._caller(mistake_id).call(function, args)

    def _caller(self, mistake_id: str) -> LocalFunctions:
        if mistake_id not in self._callers:
            functions = self.with_mistake(mistake_id) if mistake_id else self.functions
            self._callers[mistake_id] = LocalFunctions(functions)
        return self._callers[mistake_id]


_cache: dict[str, Reference] = {}


def load_reference(ex: Exercise) -> Reference:
    path = ex.solution_path
    key = str(path)
    if key in _cache:
        return _cache[key]
    if not path.is_file():
        raise SpecError(f"{ex.path}: no reference solution at {path}; add it beside the spec pack")
    name = f"_lossdrill_reference_{ex.id}_{abs(hash(key))}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the reference is the author's code: report, don't crash
        raise SpecError(f"{path}: the reference solution fails to import: "
                        f"{type(exc).__name__}: {exc}") from None
    functions = {}
    for fname in ex.function_names:
        fn = getattr(module, fname, None)
        if not callable(fn):
            raise SpecError(f"{path}: the reference defines no function '{fname}'; add it")
        functions[fname] = fn
    mistakes = getattr(module, "MISTAKES", {})
    listed = {m.id for m in ex.mistakes}
    for mid, replaced in mistakes.items():
        if mid not in listed:
            raise SpecError(f"{path}: MISTAKES['{mid}'] is not listed under mistakes in {ex.path}")
        unknown = set(replaced) - set(functions)
        if unknown:
            raise SpecError(f"{path}: MISTAKES['{mid}'] replaces {sorted(unknown)}, which the "
                            f"exercise does not define")
    reference = Reference(functions, dict(mistakes))
    _cache[key] = reference
    return reference
