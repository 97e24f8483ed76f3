"""Finished checks, kept by what determines them: the submission's bytes, the exercise's
spec and reference, the seed and the limits. A re-run (after an interruption, or after one
spec changed) grades only the checks whose key is new. One file per check, written
atomically, so an interrupted run loses at most the checks that were in flight.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from lossdrill import __version__
from lossdrill.classroom.files import write_atomic
from lossdrill.grading.results import CheckResult, plain, result_from_data, result_to_data
from lossdrill.safefile import read_bytes
from lossdrill.spec.model import Exercise


def file_hash(path: Path) -> str:
    """Of a submission, read as safefile reads one: NotAFile for a pipe, link, giant, …"""
    return hashlib.sha256(read_bytes(path)).hexdigest()


def spec_hash(exercise: Exercise) -> str:
    """The spec, its reference (or recorded answers) and the grader's version."""
    digest = hashlib.sha256(__version__.encode())
    for path in (exercise.path, exercise.solution_path):
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def check_key(submission: str, spec: str, seed: int, timeout: float | None, memory: int) -> str:
    text = json.dumps([submission, spec, seed, timeout, memory])
    return hashlib.sha256(text.encode()).hexdigest()


class ResultCache:
    def __init__(self, folder: Path, enabled: bool = True) -> None:
        self.folder = folder
        self.enabled = enabled

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> CheckResult | None:
        """A result an earlier run kept; None when there is none or the cache is not used
        (`--fresh`)."""
        return self.read(key) if self.enabled else None

    def has(self, key: str) -> bool:
        """Whether a result is kept under ``key`` (without reading it)."""
        return self._path(key).is_file()

    def read(self, key: str) -> CheckResult | None:
        """The result kept under ``key``, cache used or not: a run reads back what it graded
        when it writes a student's outputs."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return result_from_data(data["result"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent, or from another version: grade again

    def put(self, key: str, result: CheckResult | dict[str, Any]) -> None:
        """Keep a result: a CheckResult, or its data as result_to_data gives it (what a
        grading worker sends), kept as it is rather than converted back and forth."""
        data = {"key": key,
                "result": result if isinstance(result, dict) else result_to_data(result)}
        # ASCII: a lone surrogate a result may hold (a file name's byte that is not UTF-8)
        # is kept as its escape, read back as it was, and never fails to encode.
        write_atomic(self._path(key), json.dumps(data, default=plain), durable=False)
