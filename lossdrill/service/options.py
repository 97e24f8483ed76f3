"""How a check is asked for: its options, and the terms of the learner process they make.
Light to import: `check` sends its learner process the load request before the grader's
modules are loaded (and its records are named tuples, whose classes cost a tenth of a frozen
dataclass's to build)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lossdrill.sandbox.process import DEFAULT_MEMORY, DEFAULT_TIMEOUT
from lossdrill.service.launcher import Terms

if TYPE_CHECKING:
    from lossdrill.spec.catalog import Pack


class Options(NamedTuple):
    seed: int | None = None  # None: a fresh one for the hidden tests
    timeout: float | None = None  # per call and for the import; None: the exercise's own
    memory: int = DEFAULT_MEMORY  # the learner process's address space, in bytes
    plot: bool = False  # a failing check of an exercise with a `plot` key: its loss curves
    deny: tuple[Path, ...] = ()  # kept unreadable besides the packs (other students' work)
    label: str = ""  # the source's name in the result; "" for its path


def learner_terms(pack: Pack | None, options: Options, timeout: float | None = None
                  ) -> Terms:
    """The terms of a learner process grading against ``pack``: every exercise of it (and of
    every built-in pack) kept unreadable, and what ``options`` denies besides; ``timeout``:
    the exercise's, when it is known. No pack: the terms known before it is found."""
    denied = pack.private_paths() if pack is not None else []
    denied += [p for p in options.deny if p not in denied]
    return Terms(options.timeout or timeout or DEFAULT_TIMEOUT, options.memory, tuple(denied))
