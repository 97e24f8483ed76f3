"""Reference solutions and their mistake variants, loaded into the grader (trusted code)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from lossdrill.errors import SpecError
from lossdrill.grading.observation import FailureKind
from lossdrill.i18n import _
from lossdrill.sandbox.local import LocalFunctions
from lossdrill.sandbox.process import Outcome
from lossdrill.sandbox.protocol import ProtocolError, decode, encode
from lossdrill.spec.model import Exercise

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
    # (text, predicate over one sample's arguments): what samples that disagree may share.
    patterns: tuple[tuple[Any, Callable[..., Any]], ...] = ()
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


# --- Recorded answers (a released student pack) ------------------------------------------

ANSWERS_FORMAT = 1


def answer_key(function: str, args: dict[str, Any]) -> str:
    """The identity of one call: the function and its arguments, exactly as they travel."""
    encoded = {name: encode(value) for name, value in args.items()}
    text = json.dumps([function, encoded], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def encode_outcome(outcome: Outcome) -> dict[str, Any]:
    """What grading reads of a reference's outcome; never its traceback (its source lines)."""
    if outcome.ok:
        return {"ok": True, "value": encode(outcome.value)}
    return {"ok": False, "kind": outcome.kind, "message": outcome.message,
            "exc_types": list(outcome.exc_types)}


def decode_outcome(data: dict[str, Any]) -> Outcome:
    if data.get("ok"):
        return Outcome(True, value=decode(data.get("value"), readonly=True))
    return Outcome(False, kind=str(data.get("kind", FailureKind.EXCEPTION)),
                   message=str(data.get("message", "")),
                   exc_types=tuple(str(t) for t in data.get("exc_types", ())))


def sketch(args: dict[str, Any]) -> list[Any]:
    """A few numbers that tell calls apart but forgive last-bit differences: the fallback
    key when another machine's BLAS rounds a training step differently."""
    out: list[Any] = []
    for name in sorted(args):
        value = args[name]
        arr = np.asarray(value) if isinstance(value, (np.ndarray, np.generic, float, int)) \
            else None
        if arr is None or arr.dtype.kind not in "biuf":
            out.append([name, answer_key("", {"v": value})])
            continue
        flat = arr.astype(np.float64).ravel()
        weights = np.random.default_rng(flat.size).uniform(0.5, 1.5, size=(3, flat.size))
        out.append([name, arr.dtype.name, list(arr.shape), [float(flat.sum()),
                    *(float(w @ flat) for w in weights), float(np.abs(flat).sum())]])
    return out


def _sketches_match(a: list[Any], b: list[Any]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if len(x) != len(y) or x[:-1] != y[:-1]:
            return False
        if len(x) == 4:
            scale = max(abs(x[3][-1]), 1e-300)
            if any(abs(p - q) > 1e-9 * scale + 1e-12 for p, q in zip(x[3], y[3], strict=True)):
                return False
        elif x != y:
            return False
    return True


@dataclass
class ReplayReference:
    """Answers recorded from the reference while it graded the visible tests: a student
    pack grades offline without the reference's code or any hidden test."""

    path: Path
    replaced: dict[str, list[str]]
    answers: dict[str, dict[str, Any]]  # "" (the reference) or a mistake id → key → outcome
    sketches: dict[str, list[tuple[list[Any], str]]]  # function → (sketch, key), for fallback
    hidden_tests: int = 0
    hidden_points: float = 0.0

    @property
    def mistakes(self) -> Mapping[str, Collection[str]]:
        return {mid: set(functions) for mid, functions in self.replaced.items()}

    # What only live reference code has: a released pack holds none of it.
    @property
    def functions(self) -> Functions:
        raise SpecError(_("{path}: a released student pack holds no reference code; run this "
                          "on the instructor's pack", path=self.path))

    @property
    def variants(self) -> dict[str, Functions]:
        return dict.fromkeys(self.replaced, self.functions)

    def with_mistake(self, mistake_id: str) -> Functions:
        return self.functions

    def call(self, function: str, args: dict[str, Any]) -> Outcome:
        return self._answer("", function, args)

    def call_variant(self, mistake_id: str, function: str, args: dict[str, Any]) -> Outcome:
        if function not in self.replaced.get(mistake_id, ()):
            return self._answer("", function, args)
        return self._answer(mistake_id, function, args)

    def _answer(self, source: str, function: str, args: dict[str, Any]) -> Outcome:
        table = self.answers.get(source, {})
        key = answer_key(function, args)
        if key not in table:
            mine = sketch(args)
            key = next((k for s, k in self.sketches.get(function, []) if k in table
                        and _sketches_match(s, mine)), key)
        if key not in table:
            return Outcome(False, kind=FailureKind.MISSING, message=_(
                "{path}: no recorded answer for this call of {function}; a released pack "
                "answers its visible tests only (hidden tests run when your work is graded)",
                path=self.path, function=function))
        return decode_outcome(table[key])


def answers_path(ex: Exercise) -> Path:
    return ex.solution_path.parent.parent / "answers" / f"{ex.solution_path.stem}.json"


def load_answers(ex: Exercise, path: Path) -> ReplayReference:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != ANSWERS_FORMAT:
            raise ValueError(_("expected format {format}", format=ANSWERS_FORMAT))
        sketches: dict[str, list[tuple[list[Any], str]]] = {}
        for key, (function, shape) in data["sketches"].items():
            sketches.setdefault(function, []).append((shape, key))
        return ReplayReference(path, {k: list(v) for k, v in data["mistakes"].items()},
                               data["answers"], sketches, int(data.get("hidden_tests", 0)),
                               float(data.get("hidden_points", 0.0)))
    except (OSError, ValueError, KeyError, TypeError, ProtocolError) as exc:
        raise SpecError(_("{path}: unreadable recorded answers ({problem}); release the pack "
                          "again with `lossdrill release`", path=path, problem=exc)) from None


_cache: dict[str, Reference] = {}


def load_reference(ex: Exercise) -> Reference | ReplayReference:
    """The live reference code, or the answers recorded from it in a released pack."""
    path = ex.solution_path
    key = str(path)
    if key in _cache:
        return _cache[key]
    if not path.is_file():
        recorded = answers_path(ex)
        if recorded.is_file():
            return load_answers(ex, recorded)
        raise SpecError(_("{spec}: no reference solution at {path}; add it beside the spec pack",
                          spec=ex.path, path=path))
    name = f"_lossdrill_reference_{ex.id}_{abs(hash(key))}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the reference is the author's code: report, don't crash
        raise SpecError(_("{path}: the reference solution fails to import: {name}: {problem}",
                          path=path, name=type(exc).__name__, problem=exc)) from None
    functions = {}
    for fname in ex.all_function_names:
        fn = getattr(module, fname, None)
        if not callable(fn):
            raise SpecError(_("{path}: the reference defines no function '{name}'; add it",
                              path=path, name=fname))
        functions[fname] = fn
    mistakes = getattr(module, "MISTAKES", {})
    listed = {m.id for m in ex.mistakes}
    for mid, replaced in mistakes.items():
        if mid not in listed:
            raise SpecError(_("{path}: MISTAKES['{id}'] is not listed under mistakes in {spec}",
                              path=path, id=mid, spec=ex.path))
        unknown = set(replaced) - set(functions)
        if unknown:
            raise SpecError(_("{path}: MISTAKES['{id}'] replaces {names}, which the exercise "
                              "does not define", path=path, id=mid, names=sorted(unknown)))
    reference = Reference(functions, dict(mistakes), tuple(getattr(module, "PATTERNS", ())))
    _cache[key] = reference
    return reference


def release_note(exercise: Exercise) -> str | None:
    """For `lossdrill check` in a student pack: what the local score leaves out."""
    if exercise.solution_path.is_file():
        return None
    path = answers_path(exercise)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        count, points = int(data["hidden_tests"]), float(data["hidden_points"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not count:
        return _("Student pack: every test of this exercise ran here.")
    return _("Student pack: visible tests only here; {count} hidden test(s) worth {points} "
             "point(s) run when your work is graded.", count=count, points=f"{points:g}")
