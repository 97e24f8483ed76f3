"""A grader process of `lossdrill grade`: reads jobs (JSON lines on stdin), grades each with
`check_file` in a learner process of its own — exactly as `lossdrill check` does — and
answers on a private copy of stdout. Started by pool.py, one per core.

It keeps the next learner process warm while the supervisor hands out the next job, and on
SIGTERM (the supervisor stopping it) closes its learner process, whose whole group dies.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from lossdrill.catalog import Catalog, Pack
from lossdrill.errors import SpecError, UsageError
from lossdrill.results import plain, result_to_data
from lossdrill.sandbox.process import ForkServer, LearnerProcess


class Stopped(BaseException):
    """SIGTERM: unwind, closing the learner process on the way out."""


def _stop(signum: int, frame: Any) -> None:
    raise Stopped


class Worker:
    def __init__(self) -> None:
        self.catalogs: dict[tuple[str, str], Catalog] = {}
        self.spare: LearnerProcess | None = None
        # Learner processes are forked from a warm one when the platform allows: a check then
        # costs a fork, not an interpreter start and a NumPy import.
        self.server = ForkServer().start() if ForkServer.available() else None

    def _process(self, job: dict[str, Any], timeout: float) -> LearnerProcess:
        denied = [Path(job["spec"]).parent, Path(job["solutions"])]
        denied += [Path(p) for p in job.get("deny", [])]
        return LearnerProcess(timeout=timeout, memory=job["memory"], server=self.server,
                              denied=denied).start()

    def catalog(self, spec: str, solutions: str) -> Catalog:
        key = (str(Path(spec).parent), solutions)
        if key not in self.catalogs:
            self.catalogs[key] = Catalog(Pack(Path(key[0]), Path(solutions)))
        return self.catalogs[key]

    def grade(self, job: dict[str, Any]) -> dict[str, Any]:
        # The path `lossdrill check` takes: a notebook's cells are gathered first.
        from lossdrill.learnerfile import grade as grade_file

        reply: dict[str, Any] = {"key": job["key"]}
        process = None
        try:
            catalog = self.catalog(job["spec"], job["solutions"])
            ex = catalog.get(job["exercise"])
            timeout = job.get("timeout") or ex.timeout
            process, self.spare = self.spare, None
            if process is None or process.memory != job["memory"]:
                if process is not None:
                    process.close()
                process = self._process(job, timeout)
            _, result, _ = grade_file(catalog, Path(job["file"]), ex.id, process=process,
                                      seed=job["seed"], timeout=timeout, memory=job["memory"])
            result.file = job.get("label", job["file"])
            reply["result"] = result_to_data(result)
            if self.server is None:  # a spawned interpreter warms up while the next job comes
                self.spare = self._process(job, timeout)
        except SpecError as exc:
            reply["error"], reply["kind"] = str(exc), "spec"
        except UsageError as exc:  # the learner's file itself: an unreadable notebook
            reply["error"], reply["kind"] = str(exc), "learner"
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


def main() -> None:
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
            try:
                text = json.dumps(reply, ensure_ascii=False, default=plain)
            except (TypeError, ValueError) as exc:
                text = json.dumps({"key": job["key"], "kind": "grader",
                                   "error": f"unreadable result ({exc})"})
            channel.write(text + "\n")
            channel.flush()
    except (Stopped, BrokenPipeError):
        pass
    finally:
        worker.close()


if __name__ == "__main__":
    main()
