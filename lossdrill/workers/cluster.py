"""`lossdrill grade --dask ADDRESS`: the pool's interface (``run(jobs, on_done)``, pool.py) on
a Dask cluster, so that planning, seeds, the cache, the progress bar and every output are the
same code as in a local run.

ADDRESS is a scheduler's (`tcp://host:8786`, `host:8786`, `tls://…`), or `local:N` for a
local cluster of N worker processes started here. The workers share no file system with the
grader: each task carries its submission's source, and the pack travels once, in the worker
plugin (daskworker.py) named by its content hash, which the scheduler gives every worker,
those that join or are restarted later included.

A worker that dies mid-task is replaced by its nanny and its tasks are run again elsewhere
by the scheduler, which is told to allow one rerun (its ``allowed_failures``) and to give a
worker thread one task at a time (its worker saturation), both restored at the end: a
submission that takes down a worker twice is that check's failure alone.

Dask is imported only here and in daskworker.py, when ``--dask`` is given.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import CancelledError
from pathlib import Path
from typing import IO, Any

from lossdrill.errors import UsageError
from lossdrill.i18n import _
from lossdrill.safefile import NotAFile, read_bytes
from lossdrill.workers.messages import Failure, GradeRequest, Trouble
from lossdrill.workers.packbundle import PackBundle, bundle
from lossdrill.workers.pool import Done, physical_cores

MAX_LOCAL_WORKERS = 256
MAX_BATCH = 8  # checks per task at most
CONNECT_TIMEOUT = 10.0  # seconds for a scheduler that answers to say it is one
_LOCAL = re.compile(r"local:([0-9]{1,3})", re.ASCII)
_REMOTE = re.compile(r"(?:(?:tcp|tls)://)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):([0-9]{1,5})",
                     re.ASCII)


def check_address(text: str) -> str:
    """``--dask``'s value as given, once it reads as an address; a UsageError otherwise."""
    local = _LOCAL.fullmatch(text)
    remote = _REMOTE.fullmatch(text)
    if local and 1 <= int(local.group(1)) <= MAX_LOCAL_WORKERS:
        return text
    if remote and 1 <= int(remote.group(2)) <= 65535:
        return text
    raise UsageError(_("--dask {value}: expected a scheduler's address such as "
                       "tcp://host:8786, or local:N for a local cluster of N workers (1 to "
                       "{most})", value=repr(text[:60]), most=MAX_LOCAL_WORKERS))


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(_("--dask needs Dask, which is not installed: "
                           "pip install \"lossdrill[dask]\"")) from None
    return distributed


class _ToLog(logging.Handler):
    """Dask's own messages (a worker restarted, a connection lost) go to the workers' log,
    not over the progress bar."""

    def __init__(self, log: IO[bytes] | None) -> None:
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        if self.log is not None:
            with contextlib.suppress(Exception):
                self.log.write(f"dask: {record.name}: {record.getMessage()}\n".encode(
                    "utf-8", "backslashreplace"))
                self.log.flush()


def _silence_stderr_logging() -> list[tuple[logging.Logger, list[logging.Handler], bool]]:
    """Take the stream handlers off distributed's and tornado's loggers; a logger of
    distributed's passes its records up to "distributed" (and the run's log) instead. Returns
    what was taken, to put back."""
    taken = []
    for name in sorted(logging.root.manager.loggerDict):
        if name.split(".")[0] not in ("distributed", "tornado", "bokeh"):
            continue
        logger = logging.getLogger(name)
        streams: list[logging.Handler] = [h for h in logger.handlers
                                          if isinstance(h, logging.StreamHandler)]
        taken.append((logger, streams, logger.propagate))
        for handler in streams:
            logger.removeHandler(handler)
        logger.propagate = name.startswith("distributed.")
    return taken


def _scheduler_rules(dask_scheduler: Any, rules: tuple[int, float] = (1, 1.0)
                     ) -> tuple[int, float]:
    """Set the scheduler's (allowed_failures, WORKER_SATURATION); return those it had. One
    rerun after a worker's death; and a worker thread is given its next task only once it
    ends this one, so that a death counts against the task that was running alone, not
    against one merely queued behind it on that worker."""
    previous = (dask_scheduler.allowed_failures, dask_scheduler.WORKER_SATURATION)
    dask_scheduler.allowed_failures, dask_scheduler.WORKER_SATURATION = rules
    return previous


class DaskPool:
    """Grade jobs on a Dask cluster: connected (or started) when made, closed by ``run``'s
    end or by ``close``."""

    def __init__(self, address: str) -> None:
        distributed = _distributed()
        self.address = address
        self.logger = logging.getLogger("distributed")
        # distributed gives its loggers (and tornado's) handlers to stderr when imported: the
        # client's own errors (a heartbeat lost while closing) would print a traceback over
        # the report. They are taken off for the run; distributed's reach the run's log.
        self.silenced = _silence_stderr_logging()
        self.logger.propagate = False
        self.handler = _ToLog(None)  # the run's log, once it is open (log_to)
        self.logger.addHandler(self.handler)
        self.cluster: Any = None
        self.cpus: list[int] = []
        self.plugin = ""
        self.previous_rules: tuple[int, float] | None = None
        local = _LOCAL.fullmatch(address)
        if local:
            workers = int(local.group(1))
            import dask

            # Its workers' statistical profiler would sample every 10 ms, on the cores the
            # checks need; the config is passed on to the worker processes.
            # Its processes write to the terminal's stderr: only a critical message goes there
            # (a heartbeat lost while the cluster shuts down on a busy machine logged an
            # error with its traceback); what befalls a task comes back with the task.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.CRITICAL)
            self.client = distributed.Client(self.cluster)
            self.client.wait_for_workers(workers)  # counted when the batches are made
            self.cpus = _cpus_for(workers)
        else:
            _probe(address)
            try:
                self.client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise UsageError(_("--dask {address}: no Dask scheduler answered there ({why}); "
                                   "check the address, or start one with `dask scheduler`",
                                   address=address, why=_why(exc))) from None
        with contextlib.suppress(Exception):  # a scheduler that runs no code of ours
            self.previous_rules = self.client.run_on_scheduler(_scheduler_rules)

    def run(self, jobs: list[GradeRequest], on_done: Callable[[Done], None]) -> None:
        """Grade every job, ``on_done`` called here as each ends; the cluster's worker plugin
        is removed (and a local cluster stopped) at the end, whatever happens."""
        from lossdrill.workers.daskworker import GraderPlugin, grade_task

        distributed = _distributed()
        running: dict[Any, list[GradeRequest]] = {}
        try:
            packs: dict[tuple[str, str], PackBundle] = {}
            for job in jobs:
                if (job.exercises, job.solutions) not in packs:
                    packs[job.exercises, job.solutions] = bundle(Path(job.exercises),
                                                                 Path(job.solutions))
            plugin = GraderPlugin(list(packs.values()), self.cpus)
            self.client.register_plugin(plugin, name=plugin.name)
            self.plugin = plugin.name
            size = self._batch_size(len(jobs))
            pending = deque(jobs[i:i + size] for i in range(0, len(jobs), size))
            # Results are fetched in the client's event loop as tasks end, not one by one here.
            finished = distributed.as_completed(with_results=True, raise_errors=False)

            def submit() -> None:
                while pending and len(running) < self._window():
                    batch, checks = [], []
                    for job in pending.popleft():
                        try:
                            source = read_bytes(job.file)
                        except NotAFile as exc:  # changed since it was planned
                            on_done(Done(job, failure=Failure(Trouble.LEARNER, str(exc))))
                            continue
                        batch.append(job)
                        checks.append((packs[job.exercises, job.solutions].digest, job, source))
                    if batch:
                        future = self.client.submit(grade_task, plugin.name, checks,
                                                    pure=False,
                                                    key=f"lossdrill-grade-{uuid.uuid4().hex}")
                        running[future] = batch
                        finished.add(future)

            submit()
            for future, outcome in finished:
                batch = running.pop(future)
                if future.status == "error" and isinstance(outcome, distributed.KilledWorker) \
                        and len(batch) > 1:
                    # Which check took its worker down is not known: each goes again alone.
                    pending.extendleft([job] for job in reversed(batch))
                    submit()
                    continue
                done = _done(batch, future, outcome, distributed)
                submit()  # the next task is on its way before these results are kept
                for one in done:
                    on_done(one)
        finally:
            with contextlib.suppress(Exception):  # what still ran when interrupted
                self.client.cancel(list(running))
            self.close()

    def _threads(self) -> int:
        workers = self.client.scheduler_info().get("workers", {})
        return sum(int(w.get("nthreads", 1)) for w in workers.values())

    def _batch_size(self, jobs: int) -> int:
        """Checks per task: a few, so that Dask's cost per task (messages between client,
        scheduler and worker) is shared among them, while every worker still has tasks to
        take and a death costs little."""
        return max(1, min(MAX_BATCH, jobs // (4 * max(1, self._threads()))))

    def log_to(self, log: IO[bytes]) -> None:
        self.handler.log = log

    def _window(self) -> int:
        """Tasks in flight: each worker thread busy and one waiting for it, whatever joins."""
        return max(4, 2 * self._threads() + 2)

    def close(self) -> None:
        """Leave the cluster as it was found: the plugin removed from its workers (their
        grade children closed), the scheduler's rerun rule restored; a local one stopped."""
        client = getattr(self, "client", None)
        if client is not None:
            with contextlib.suppress(Exception):
                if self.plugin:
                    client.unregister_worker_plugin(self.plugin)
            with contextlib.suppress(Exception):
                if self.previous_rules is not None:
                    client.run_on_scheduler(_scheduler_rules, rules=self.previous_rules)
            with contextlib.suppress(Exception):
                client.close()
            self.client = None
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()
            self.cluster = None
        self.logger.removeHandler(self.handler)
        for logger, handlers, propagate in self.silenced:
            for handler in handlers:
                logger.addHandler(handler)
            logger.propagate = propagate
        self.silenced = []


def _done(batch: list[GradeRequest], future: Any, outcome: Any, distributed: Any
          ) -> list[Done]:
    """What a finished task's ``outcome`` (its values, or the exception it ended with) says
    of each check of its batch."""
    if isinstance(outcome, tuple) and future.status == "error":  # (type, exception, trace)
        outcome = outcome[1]
    if future.status == "finished":
        return [Done(job, result, failure)
                for job, (result, failure) in zip(batch, outcome, strict=True)]
    if future.cancelled() or isinstance(outcome, CancelledError):
        failure = Failure(Trouble.GRADER, _("the Dask scheduler dropped this check (was it "
                                            "stopped?)"))
    elif isinstance(outcome, distributed.KilledWorker):
        failure = Failure(Trouble.DIED, _("the Dask worker grading this file died, twice; "
                                          "does the file exhaust the machine or kill its "
                                          "worker?"))
    else:
        failure = Failure(Trouble.GRADER, f"{type(outcome).__name__}: {outcome}")
    return [Done(job, failure=failure) for job in batch]


def _cpus_for(workers: int) -> list[int]:
    """A CPU for each of a local cluster's workers when they take every CPU (as the local
    pool pins its workers), physical cores first; none otherwise."""
    cores = physical_cores()
    if not cores or workers < sum(len(core) for core in cores):
        return []
    depth = max(len(core) for core in cores)
    return [core[i] for i in range(depth) for core in cores if i < len(core)]


def _probe(address: str) -> None:
    """Fail at once, in one line, where nothing listens (rather than after the client's
    retries: a refused connection, an unknown host), or where what listens is not a Dask
    scheduler, which greets a plain TCP connection first (the client would wait for that
    greeting for ever: a web server, say, waits for a request)."""
    match = _REMOTE.fullmatch(address)
    assert match is not None
    host, port = match.group(1).strip("[]"), int(match.group(2))
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT) as probe:
            if not address.startswith("tls://") and not probe.recv(1):
                raise ConnectionResetError(_("it closed the connection"))
    except TimeoutError:
        raise UsageError(_("--dask {address}: no Dask scheduler answered there ({why}); "
                           "check the address, or start one with `dask scheduler`",
                           address=address, why=_("no greeting within {seconds:g} s",
                                                  seconds=CONNECT_TIMEOUT))) from None
    except OSError as exc:
        raise UsageError(_("--dask {address}: cannot reach a Dask scheduler there ({why}); "
                           "check the address, or start one with `dask scheduler`",
                           address=address, why=_why(exc))) from None


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
