"""The learner's progress in this workspace: `.lossdrill/progress.json` in the current folder.

Written atomically (temporary file + rename), so an interrupted run never leaves half a
file. An unreadable file is set aside under a new name and reported, never lost.
Only the grader writes here, from its own verdicts.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

STATE_DIR = ".lossdrill"
STATE_FILE = "progress.json"


class Progress:
    def __init__(self, workspace: Path | None = None) -> None:
        self.path = (workspace or Path.cwd()) / STATE_DIR / STATE_FILE
        self.warning = ""
        self.data: dict[str, dict[str, Any]] = self._read()

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self.warning = f"{self.path}: cannot read progress ({exc.strerror}); starting afresh"
            return {}
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                raise ValueError("not a mapping of exercises")
            return data
        except ValueError:
            aside = self.path.with_name(f"{STATE_FILE}.unreadable-{int(time.time())}")
            with contextlib.suppress(OSError):
                self.path.replace(aside)
            self.warning = (f"{self.path}: unreadable progress file set aside as {aside.name}; "
                            "starting afresh")
            return {}

    def exercise(self, exercise_id: str) -> dict[str, Any]:
        return self.data.setdefault(exercise_id, {})

    def record_check(self, exercise_id: str, score: float, passed: bool) -> None:
        state = self.exercise(exercise_id)
        state["attempts"] = int(state.get("attempts", 0)) + 1
        state["best_score"] = max(float(state.get("best_score", 0.0)), score)
        if passed and not state.get("first_pass"):
            state["first_pass"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        self.save()

    def record_hint(self, exercise_id: str, shown: int) -> None:
        state = self.exercise(exercise_id)
        state["hints_used"] = max(int(state.get("hints_used", 0)), shown)
        self.save()

    def save(self) -> None:
        """Best effort: a read-only workspace must not stop a check."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".progress-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.data, handle, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except OSError as exc:
            self.warning = f"{self.path}: progress not saved ({exc.strerror})"
