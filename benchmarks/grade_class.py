"""Grade a generated class of a few hundred submissions with `lossdrill grade`, and the same
checks with one fresh interpreter per check (`lossdrill check --json`, as many at once as
grade has workers) as the baseline. Prints wall time, checks per second and peak memory
of both, and whether their scores agree.

Memory is sampled every 20 ms. For the whole process tree: resident sets. For `grade`, also
the grader's own processes alone — the supervisor and its grading workers, not the fork
servers and learner processes beneath them (a fork server's pages are shared copy-on-write
with the learner processes it forks): the supervisor's peak resident set (the kernel's VmHWM),
and the supervisor and workers together as PSS, which splits the pages they share (Python's
and NumPy's libraries) among the processes mapping them instead of counting them once per
process. The memory target (TARGET) is judged on that sum.

    python benchmarks/grade_class.py                 # 300 students, ex1-ex3
    python benchmarks/grade_class.py --students 60 --baseline-sample 60
    python benchmarks/grade_class.py --students 500 --exercises all --baseline-sample 0
    python benchmarks/grade_class.py --students 600 --exercises ex1 --only-correct  # throughput
    python benchmarks/grade_class.py --students 300 --exercises ex1 --only-correct \
        --baseline-sample 0 --dask local:2                       # the same on a Dask cluster

The class mixes correct solutions in several styles, classic mistakes, broken and hostile
files, and students with nothing submitted, in three layouts (a folder per student,
slug-named files, flat `student_exN.py` files). `make_class` is also what the test suite uses
on a smaller class.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LEARNERS = REPO / "tests" / "learners"
EXERCISES = ("ex1", "ex2", "ex3")
# Every exercise's slug, from its spec's file name (`ex3_hinge.yaml`).
SLUGS = {p.stem.split("_", 1)[0]: p.stem.split("_", 1)[1]
         for p in (REPO / "exercises").glob("ex*_*.yaml")}
# Hostile files that end quickly (the hanging ones cost a timeout each: a few, not dozens).
HOSTILE_FAST = ("kill_parent", "fake_report", "os_exit_call", "memory_hog", "monkeypatch_numpy",
                "pickle_payload", "lying_equality", "huge_output")
HOSTILE_SLOW = ("loop_call", "sleep_call", "loop_import")
BROKEN = ("syntax_error", "import_error", "returns_none", "misnamed_function")


@dataclass(frozen=True)
class Planted:
    student: str
    exercise: str
    kind: str  # correct, mistake, broken, hostile, missing
    source: Path | None  # the fixture copied in
    mistake: str = ""


def _fixtures(exercise: str) -> tuple[list[Path], list[Path]]:
    folder = LEARNERS / exercise
    mistakes = sorted(folder.glob("mistake_*.py"))
    correct = sorted(p for p in folder.glob("*.py") if not p.name.startswith("mistake_"))
    return correct, mistakes


def all_exercises() -> tuple[str, ...]:
    """Every exercise with learner fixtures in tests/learners/exN/, in curriculum order."""
    found = [p.name for p in LEARNERS.glob("ex*") if p.is_dir() and p.name[2:].isdigit()]
    return tuple(sorted(found, key=lambda name: int(name[2:])))


def make_class(root: Path, students: int, seed: int = 0, slow_hostile: int = 2,
               exercises: tuple[str, ...] = EXERCISES, only_correct: bool = False
               ) -> tuple[list[Planted], Path]:
    """Write a class of ``students`` into ``root``; return what was planted and a roster CSV
    (beside ``root``) that also lists the students who submitted nothing. With
    ``only_correct`` every student submits a correct file for every exercise."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    planted: list[Planted] = []
    roster = [("id", "name")]
    slow_left = slow_hostile
    for i in range(students):
        student = f"s{i:03d}"
        roster.append((student, f"Student {i}"))
        if i % 15 == 7 and not only_correct:  # nothing submitted at all
            planted += [Planted(student, ex, "missing", None) for ex in exercises]
            continue
        layout = ("folder", "slug", "flat")[i % 3]
        for ex in exercises:
            correct, mistakes = _fixtures(ex)
            pick = 1.0 if only_correct else rng.random()
            if pick < 0.08:
                planted.append(Planted(student, ex, "missing", None))
                continue
            if ex == "ex1" and pick < 0.16:
                if slow_left > 0:
                    slow_left -= 1
                    name = HOSTILE_SLOW[slow_left % len(HOSTILE_SLOW)]
                else:
                    name = rng.choice(HOSTILE_FAST + BROKEN)
                folder = "hostile" if name in HOSTILE_FAST + HOSTILE_SLOW else "broken"
                source = LEARNERS / folder / f"{name}.py"
                kind = "hostile" if folder == "hostile" else "broken"
                planted.append(Planted(student, ex, kind, source))
            elif pick < 0.45 and mistakes:
                source = rng.choice(mistakes)
                planted.append(Planted(student, ex, "mistake", source,
                                       source.stem.removeprefix("mistake_")))
            else:
                planted.append(Planted(student, ex, "correct", rng.choice(correct)))
            chosen = planted[-1].source
            assert chosen is not None
            text = chosen.read_text(encoding="utf-8")
            # The files name their exercise in the header; hostile/broken ones name ex1.
            if layout == "folder":
                target = root / student / f"{ex}.py"
            elif layout == "slug":
                target = root / student / "work" / f"{SLUGS[ex]}.py"
            else:
                target = root / f"{student}_{ex}.py"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    roster_path = root.parent / f"{root.name}-roster.csv"
    roster_path.write_text("\n".join(",".join(r) for r in roster) + "\n", encoding="utf-8")
    return planted, roster_path


# --- measuring ----------------------------------------------------------------------------

PAGE = os.sysconf("SC_PAGE_SIZE")
# The grader's own processes: the `lossdrill grade` supervisor and its grading workers.
SUPERVISOR_MARK = b"lossdrill\x00grade"
WORKER_MARK = b"lossdrill.workers.child"
# What the grader's own processes may take together, judged on their summed PSS.
TARGET = 150 * 10**6


def _read(path: str, mode: str = "r") -> Any:
    with open(path, mode) as handle:
        return handle.read()


def _kib(text: str, field: str) -> int:
    """Bytes of a `Field:   123 kB` line of /proc/PID/status or smaps_rollup; 0 if absent."""
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass
class Sample:
    tree_rss: int = 0  # every descendant, resident
    grader_rss: int = 0  # supervisor + workers, resident (shared pages counted in each)
    grader_pss: int = 0  # supervisor + workers, proportional (shared pages split)
    supervisor_hwm: int = 0  # the supervisor's own peak resident set, kept by the kernel
    worker_hwm: int = 0  # the largest worker's


def _sample(pid: int) -> Sample:
    """Memory of a process's descendants, from Linux /proc. Workers load the same libraries
    (NumPy's among them) as the supervisor and each other: summed resident sets count those
    pages once per process, PSS (/proc/PID/smaps_rollup) shares them out."""
    sample, stack, seen = Sample(), [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            if p != pid:
                rss = int(_read(f"/proc/{p}/statm").split()[1]) * PAGE
                sample.tree_rss += rss
                command = _read(f"/proc/{p}/cmdline", "rb")
                if SUPERVISOR_MARK in command or WORKER_MARK in command:
                    sample.grader_rss += rss
                    sample.grader_pss += _kib(_read(f"/proc/{p}/smaps_rollup"), "Pss")
                    hwm = _kib(_read(f"/proc/{p}/status"), "VmHWM")
                    if SUPERVISOR_MARK in command:
                        sample.supervisor_hwm = max(sample.supervisor_hwm, hwm)
                    else:
                        sample.worker_hwm = max(sample.worker_hwm, hwm)
            for task in os.listdir(f"/proc/{p}/task"):
                stack += [int(c) for c in _read(f"/proc/{p}/task/{task}/children").split()]
        except (OSError, ValueError):
            continue
    return sample


class PeakMemory:
    """Samples the memory of this process's children (and theirs) every 20 ms and keeps the
    largest value of each figure of Sample."""

    def __init__(self) -> None:
        self.peak = Sample()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.02):
            now = _sample(me)
            self.peak = Sample(*(max(a, b) for a, b in zip(astuple(self.peak), astuple(now),
                                                            strict=True)))

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def lossdrill_command() -> list[str]:
    return [sys.executable, "-m", "lossdrill"]


def run_grade(submissions: Path, out: Path, roster: Path, jobs: int, timeout: float,
              secret: str, exercises: tuple[str, ...] = EXERCISES, dask: str | None = None
              ) -> tuple[float, PeakMemory, dict, float]:
    """Wall seconds, memory, results.json and the grading rate `grade` reports itself (checks
    per second from the first check handed out to the last answer: without the start of a
    local cluster, the planning and the writing of the outputs)."""
    command = [*lossdrill_command(), "grade", str(submissions), "--out", str(out), "--roster",
               str(roster), "--exercises", ",".join(exercises), "--timeout", str(timeout),
               "--secret", secret, "--fresh",
               *(["--dask", dask] if dask else ["--jobs", str(jobs)])]
    with PeakMemory() as memory:
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"lossdrill grade failed ({done.returncode}):\n{done.stderr[-3000:]}")
    rates = re.findall(r"^graded (\d+)/\1 \(([0-9.]+)/s", done.stderr, re.MULTILINE)
    rate = float(rates[-1][1]) if rates else float("nan")
    return wall, memory, json.loads((out / "results.json").read_text(encoding="utf-8")), rate


def compare_dask(submissions: Path, work: Path, roster: Path, args: argparse.Namespace,
                 secret: str, exercises: tuple[str, ...], local: tuple[float, dict, float]
                 ) -> None:
    """The same class on a Dask cluster (``--dask``): its rate against the local pool's,
    measured in the same run, and what a task costs a worker beyond a local check."""
    local_wall, local_doc, local_rate = local
    wall, _memory, doc, rate = run_grade(submissions, work / "out-dask", roster, args.jobs,
                                         args.timeout, secret, exercises, dask=args.dask)
    scores = {(s["id"], ex): r["score"] for s in local_doc["students"]
              for ex, r in s["exercises"].items()}
    differ = [k for s in doc["students"] for k, v in ((( s["id"], ex), r["score"])
              for ex, r in s["exercises"].items()) if scores.get(k) != v]
    checks = sum(1 for s in doc["students"] for r in s["exercises"].values()
                 if r["status"] != "missing")
    workers = int(args.dask.split(":", 1)[1]) if args.dask.startswith("local:") else args.jobs
    # Each worker grades one check at a time: what a check costs it, locally and on Dask.
    per_check_local = args.jobs / local_rate
    per_check_dask = workers / rate
    print(f"{'lossdrill grade --dask ' + args.dask:28}{wall:9.1f}{checks / wall:10.2f}"
          f"{'':10}   ({checks} checks; grading alone {rate:.1f} checks/s against the local "
          f"pool's {local_rate:.1f} with {args.jobs} workers)")
    print(f"dask/local throughput {rate / local_rate:.2f}x (target >= 0.8x; whole commands "
          f"{local_wall / wall:.2f}x, the cluster's start included); per-task overhead "
          f"{(per_check_dask - per_check_local) * 1000:+.1f} ms a check on a worker "
          f"({per_check_dask * 1000:.1f} ms against {per_check_local * 1000:.1f} ms); scores "
          + ("agree on every check" if not differ else f"DISAGREE on {len(differ)}: "
             f"{differ[:5]}"))


def run_baseline(checks: list[tuple[str, str, str, int]], jobs: int, timeout: float, cwd: Path
                 ) -> tuple[float, int, dict[tuple[str, str], float]]:
    """One `lossdrill check --json` process per check, ``jobs`` at a time."""
    scores: dict[tuple[str, str], float] = {}

    def one(check: tuple[str, str, str, int]) -> None:
        student, ex, path, seed = check
        done = subprocess.run([*lossdrill_command(), "check", path, "--exercise", ex, "--json",
                               "--seed", str(seed), "--timeout", str(timeout)],
                              capture_output=True, text=True, check=False,
                              cwd=cwd)
        try:
            scores[(student, ex)] = float(json.loads(done.stdout)["score"])
        except (ValueError, KeyError):
            scores[(student, ex)] = float("nan")

    with PeakMemory() as memory:
        start = time.perf_counter()
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(one, checks))
        wall = time.perf_counter() - start
    return wall, memory.peak.tree_rss, scores


def print_memory(memory: PeakMemory) -> None:
    mib, peak = 2**20, memory.peak
    print(f"{'  supervisor':28}{'':19}{peak.supervisor_hwm / mib:10.0f}   "
          "(its own peak resident set, VmHWM)")
    print(f"{'  grader processes':28}{'':19}{peak.grader_pss / mib:10.0f}   "
          f"(supervisor + workers together, PSS; as resident sets {peak.grader_rss / mib:.0f}, "
          f"the largest worker alone {peak.worker_hwm / mib:.0f})")
    met = "met" if peak.grader_pss < TARGET else "NOT met"
    print(f"memory target {TARGET / 10**6:.0f} MB for the grader's own processes (supervisor + "
          f"workers, PSS): {met}, {peak.grader_pss / 10**6:.0f} MB; the supervisor alone "
          f"{peak.supervisor_hwm / 10**6:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--exercises", default=",".join(EXERCISES),
                        help="comma-separated ids, or `all`: every exercise with fixtures in "
                        "tests/learners/ (default: %(default)s)")
    parser.add_argument("--only-correct", action="store_true",
                        help="every student submits a correct file for every exercise (the "
                        "pure-throughput figure)")
    parser.add_argument("--baseline-sample", type=int, default=None,
                        help="checks run by the baseline, spread evenly over the class "
                        "(default: all; 0: no baseline)")
    parser.add_argument("--keep", type=Path, help="keep the generated class here")
    parser.add_argument("--dask", metavar="ADDRESS", help="grade the class on a Dask cluster "
                        "too (local:N, or a scheduler's address) and compare its throughput "
                        "with the local pool's")
    args = parser.parse_args()
    exercises = all_exercises() if args.exercises == "all" else tuple(
        e.strip() for e in args.exercises.split(",") if e.strip())
    work = Path(tempfile.mkdtemp(prefix="lossdrill-bench-"))
    try:
        submissions = args.keep or work / "submissions"
        planted, roster = make_class(submissions, args.students, exercises=exercises,
                                     only_correct=args.only_correct)
        secret = "benchmark-secret-0123456789"
        wall, memory, doc, rate = run_grade(submissions, work / "out", roster, args.jobs,
                                            args.timeout, secret, exercises)
        checks = []
        for student in doc["students"]:
            for ex, result in student["exercises"].items():
                if result["status"] != "missing":
                    path = str(submissions / result["file"])
                    checks.append((student["id"], ex, path, result["seed"]))
        wanted = len(checks) if args.baseline_sample is None else args.baseline_sample
        sample = checks[::max(1, len(checks) // wanted)][:wanted] if wanted else []
        kinds: dict[str, int] = {}
        for p in planted:
            kinds[p.kind] = kinds.get(p.kind, 0) + 1
        print(f"class: {args.students} students × {len(exercises)} exercises, "
              f"{len(planted)} (student, exercise) pairs: "
              + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
        print(f"{'':28}{'wall s':>9}{'checks/s':>10}{'peak MiB':>10}")
        print(f"{'lossdrill grade':28}{wall:9.1f}{len(checks) / wall:10.2f}"
              f"{memory.peak.tree_rss / 2**20:10.0f}   ({len(checks)} checks, {args.jobs} "
              "workers; every process, resident)")
        print_memory(memory)
        if args.dask:
            compare_dask(submissions, work, roster, args, secret, exercises, (wall, doc, rate))
        if not sample:
            return
        base_wall, base_peak, base_scores = run_baseline(sample, args.jobs, args.timeout, work)
        graded = {(s["id"], ex): r["score"] for s in doc["students"]
                  for ex, r in s["exercises"].items()}
        disagree = [k for k, v in base_scores.items() if v != graded[k]]
        print(f"{'fresh interpreter per check':28}{base_wall:9.1f}"
              f"{len(sample) / base_wall:10.2f}{base_peak / 2**20:10.0f}   "
              f"({len(sample)} checks, {args.jobs} at a time)")
        print(f"speed-up {len(checks) / wall / (len(sample) / base_wall):.2f}x; scores "
              + ("agree on every check" if not disagree else
                 f"DISAGREE on {len(disagree)}: {disagree[:5]}"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
