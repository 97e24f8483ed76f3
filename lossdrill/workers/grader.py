"""A grader process of `lossdrill grade`: reads jobs (JSON lines on stdin), grades each with
`check_file` in a learner process of its own — exactly as `lossdrill check` does — and
answers on a private copy of stdout. Started by pool.py, one per core.

It keeps the next learner process warm while the supervisor hands out the next job, and on
SIGTERM (the supervisor stopping it) closes its learner process, whose whole group dies.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from lossdrill.errors import SpecError, UsageError
from lossdrill.grading.results import plain
from lossdrill.safefile import renamed, require_file
from lossdrill.sandbox.forkserver import ForkServer
from lossdrill.sandbox.process import LearnerProcess
from lossdrill.spec.catalog import Catalog, Pack, private_paths


class Stopped(BaseException):
    """SIGTERM: unwind, closing the learner process on the way out."""


def _stop(signum: int, frame: Any) -> None:
    raise Stopped


_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, by class


def as_data(value: Any) -> Any:
    """`json.dumps(default=as_data)`: a CheckResult written as result_to_data would give it
    (each dataclass as the dict of its fields), without first copying it whole into dicts."""
    names = _FIELDS.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: getattr(value, name) for name in names}
    return plain(value)


class _Catalog(Catalog):
    """A catalog that keeps what it found: a worker asks for the same few exercises for its
    whole life, and each lookup would otherwise list the pack's folder again."""

    def __init__(self, pack: Pack) -> None:
        super().__init__(pack)
        self._found: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        if name not in self._found:
            self._found[name] = super().get(name)
        return self._found[name]


class Worker:
    def __init__(self) -> None:
        self.catalogs: dict[tuple[str, str], Catalog] = {}
        self.spare: LearnerProcess | None = None
        # Learner processes are forked from a warm one when the platform allows: a check then
        # costs a fork, not an interpreter start and a NumPy import.
        self.server = ForkServer().start() if ForkServer.available() else None

    @staticmethod
    def _denied(job: dict[str, Any]) -> list[Path]:
        denied = private_paths(Path(job["spec"]).parent, Path(job["solutions"]))
        return denied + [Path(p) for p in job.get("deny", [])]

    def _process(self, job: dict[str, Any], timeout: float) -> LearnerProcess:
        return LearnerProcess(timeout=timeout, memory=job["memory"], server=self.server,
                              denied=self._denied(job)).start()

    def prepare(self, job: dict[str, Any]) -> None:
        """Start the learner process for a next job like ``job`` while the supervisor hands
        it out (forked warm, or a fresh interpreter importing NumPy meanwhile)."""
        if self.spare is not None:
            return
        try:
            self.spare = self._process(job, float(job.get("timeout") or 1.0))
        except Exception:  # noqa: BLE001  (the next job starts its own and reports why)
            self.spare = None

    def catalog(self, spec: str, solutions: str) -> Catalog:
        key = (str(Path(spec).parent), solutions)
        if key not in self.catalogs:
            self.catalogs[key] = _Catalog(Pack(Path(key[0]), Path(solutions)))
        return self.catalogs[key]

    def grade(self, job: dict[str, Any]) -> dict[str, Any]:
        # The path `lossdrill check` takes: a notebook's cells are gathered first.
        from lossdrill.service.grade import grade as grade_file

        reply: dict[str, Any] = {"key": job["key"]}
        process = None
        try:
            catalog = self.catalog(job["spec"], job["solutions"])
            ex = catalog.get(job["exercise"])
            timeout = job.get("timeout") or ex.timeout
            # Checked again here, just before a learner process opens it: a pipe or device
            # put in its place since the plan read it is refused, not waited on.
            require_file(Path(job["file"]))
            process, self.spare = self.spare, None
            if process is None or process.memory != job["memory"] or \
                    process.denied != self._denied(job):
                if process is not None:
                    process.close()
                process = self._process(job, timeout)
            _, result, _ = grade_file(catalog, Path(job["file"]), ex.id, process=process,
                                      seed=job["seed"], timeout=timeout, memory=job["memory"])
            result.file = job.get("label", job["file"])
            reply["result"] = result  # written by as_data
        except SpecError as exc:
            reply["error"], reply["kind"] = str(exc), "spec"
        except UsageError as exc:  # the learner's file itself: an unreadable notebook
            reply["error"] = renamed(str(exc), job["file"], job.get("label", job["file"]))
            reply["kind"] = "learner"
        except Exception as exc:  # noqa: BLE001  (reported with the job, never fatal to others)
            reply["error"], reply["kind"] = f"{type(exc).__name__}: {exc}", "grader"
        finally:
            if process is not None:
                process.close()
        return reply

    def close(self) -> None:
        if self.spare is not None:
            self.spare.close()
            self.spare = None
        if self.server is not None:
            self.server.close()
            self.server = None


def main(argv: list[str] | None = None) -> None:
    """``argv``: the CPU to keep this worker (its fork server and learner processes too) on."""
    if argv and hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError, ValueError):
            os.sched_setaffinity(0, {int(argv[0])})
    # Answers go to a private copy of stdout; anything printed by accident goes to stderr.
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    signal.signal(signal.SIGTERM, _stop)
    worker = Worker()
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            job = json.loads(line)
            reply = worker.grade(job)
            try:  # ASCII: a lone surrogate (a name's byte that is not UTF-8) travels escaped
                text = json.dumps(reply, default=as_data)
            except (TypeError, ValueError) as exc:
                text = json.dumps({"key": job["key"], "kind": "grader",
                                   "error": f"unreadable result ({exc})"})
            channel.write(text + "\n")
            channel.flush()
            worker.prepare(job)  # the next learner process starts while the answer travels
    except (Stopped, BrokenPipeError):
        pass
    finally:
        worker.close()


if __name__ == "__main__":
    main()
