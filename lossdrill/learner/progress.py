"""The learner's progress in this workspace: `.lossdrill/progress.json` in the current folder.

Written atomically (temporary file, fsync, rename), so an interrupted run never leaves half a
file; each change re-reads the file under a lock first, so a watch session and a `lossdrill
hint` in another terminal do not undo each other's records. An unreadable file is set aside
under a new name and reported, never lost. Only the grader writes here, from its own
verdicts: the learner's code runs confined to a temporary folder of its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lossdrill.spec.model import Exercise

STATE_DIR = ".lossdrill"
STATE_FILE = "progress.json"
LOCK_FILE = "progress.lock"
# A temporary file this old was left by a writer that was killed before its rename.
STALE_TMP_S = 60.0


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


class Progress:
    def __init__(self, workspace: Path | None = None) -> None:
        self.path = (workspace or Path.cwd()) / STATE_DIR / STATE_FILE
        self.data, self.warning = read_state(self.path)

    def exercise(self, exercise_id: str) -> dict[str, Any]:
        return self.data.setdefault(exercise_id, {})

    def hints_used(self, exercise_id: str) -> int:
        return _number(self.data.get(exercise_id, {}).get("hints_used"), int)

    def record_check(self, exercise_id: str, score: float, passed: bool) -> None:
        with self._update():
            state = self.exercise(exercise_id)
            state["attempts"] = _number(state.get("attempts"), int) + 1
            state["best_score"] = max(_number(state.get("best_score"), float), score)
            state["last_score"] = score
            state["last_check"] = _now()
            if passed and not state.get("first_pass"):
                state["first_pass"] = _now()
                state["attempts_to_pass"] = state["attempts"]

    def record_hint(self, exercise_id: str, shown: int) -> None:
        with self._update():
            state = self.exercise(exercise_id)
            state["hints_used"] = max(_number(state.get("hints_used"), int), shown)

    @contextlib.contextmanager
    def _update(self) -> Iterator[None]:
        """Re-read, change, save, with other lossdrill processes kept out meanwhile."""
        with self._lock():
            self.data, warning = read_state(self.path)
            self.warning = self.warning or warning
            yield
            self.save()

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        try:
            import fcntl
        except ImportError:  # not POSIX: the rename alone still keeps the file whole
            yield
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path.with_name(LOCK_FILE), "a")  # noqa: SIM115
        except OSError:
            yield  # a read-only workspace: save() reports it
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def save(self) -> None:
        """Best effort: a read-only workspace must not stop a check."""
        tmp = ""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_temporaries(self.path.parent)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".progress-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.data, handle, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            tmp = ""
        except OSError as exc:
            self.warning = f"{self.path}: progress not saved ({exc.strerror})"
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def read_state(path: Path) -> tuple[dict[str, dict[str, Any]], str]:
    """The recorded progress, and a warning when the file had to be set aside."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, ""
    except OSError as exc:
        from lossdrill.i18n import _

        return {}, _("{path}: cannot read progress ({error}); starting afresh", path=path,
                     error=exc.strerror)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise ValueError("not a mapping of exercises")
        return data, ""
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors too
        stamp = int(time.time())
        aside = path.with_name(f"{STATE_FILE}.unreadable-{stamp}")
        for n in range(1, 100):  # never over an earlier one set aside in the same second
            if not aside.exists():
                break
            aside = path.with_name(f"{STATE_FILE}.unreadable-{stamp}-{n}")
        with contextlib.suppress(OSError):
            path.replace(aside)
        from lossdrill.i18n import _

        return {}, _("{path}: unreadable progress file set aside as {name}; starting afresh",
                     path=path, name=aside.name)


def _remove_stale_temporaries(folder: Path) -> None:
    cutoff = time.time() - STALE_TMP_S
    for leftover in folder.glob(".progress-*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


# -- summaries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    attempts: int
    first_pass: str  # ISO date and time, "" when not passed yet
    attempts_to_pass: int  # 0 when not passed (or recorded before this was kept)
    best_score: float
    max_score: float
    hints_used: int
    hints_total: int
    label: str = ""  # the title in the learner's language, when the summary was made

    @property
    def passed(self) -> bool:
        return bool(self.first_pass)

    @property
    def started(self) -> bool:
        return self.attempts > 0 or self.hints_used > 0


@dataclass(frozen=True)
class Summary:
    rows: list[Row]

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.rows)

    @property
    def attempts(self) -> int:
        return sum(r.attempts for r in self.rows)

    @property
    def hints_used(self) -> int:
        return sum(r.hints_used for r in self.rows)

    @property
    def best_points(self) -> float:
        return sum(r.best_score for r in self.rows)

    @property
    def max_points(self) -> float:
        return sum(r.max_score for r in self.rows)

    def next_unsolved(self) -> Row | None:
        """The first exercise in curriculum order not passed yet."""
        return next((r for r in self.rows if not r.passed), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercises": [{
                "id": r.id, "title": r.title, "attempts": r.attempts,
                "first_pass": r.first_pass or None, "attempts_to_pass": r.attempts_to_pass or None,
                "best_score": r.best_score, "max_score": r.max_score,
                "hints_used": r.hints_used, "hints_total": r.hints_total} for r in self.rows],
            "totals": {"exercises": len(self.rows), "passed": self.passed,
                       "attempts": self.attempts, "hints_used": self.hints_used,
                       "best_points": self.best_points, "max_points": self.max_points},
        }


def summarise(exercises: Sequence[Exercise], data: dict[str, dict[str, Any]]) -> Summary:
    """One row per exercise of the pack, in its order; values the file holds that are not of
    the expected type count as absent rather than stopping the summary."""
    from lossdrill.i18n import language

    lang = language()
    rows = []
    for ex in exercises:
        state = data.get(ex.id, {})
        rows.append(Row(
            id=ex.id, title=ex.title,
            attempts=_number(state.get("attempts"), int),
            first_pass=state["first_pass"] if isinstance(state.get("first_pass"), str) else "",
            attempts_to_pass=_number(state.get("attempts_to_pass"), int),
            best_score=_number(state.get("best_score"), float),
            max_score=ex.max_score,
            hints_used=min(_number(state.get("hints_used"), int), len(ex.hints)),
            hints_total=len(ex.hints),
            label=ex.text("title", lang),
        ))
    return Summary(rows)


def _number(value: Any, kind: type[int] | type[float]) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return kind(0)
    return kind(value)
