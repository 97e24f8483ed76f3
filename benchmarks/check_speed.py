"""How long a learner waits: `lossdrill check` from a cold start, against a baseline.

The baseline, measured in the same run, is starting Python and importing what any NumPy
command-line tool imports: `python -c "import numpy, yaml, rich, typer"`. The target is a
check within 1.25× of it. Prints the medians of repeated runs and the ratio, and, apart, the
first check on a machine (its spec not yet validated and cached: YAML and pydantic load).
The check runs as a learner runs it: the `lossdrill` script of this environment.

    python benchmarks/check_speed.py [--runs 15] [--file examples/ex1_mse.py]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.25


def timed(argv: list[str], cwd: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--file", default=str(REPO / "examples" / "ex1_mse.py"))
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="lossdrill-bench-")
    # Bytecode is written as on any learner's machine (a setting that forbids it would
    # recompile lossdrill's modules on every run); specs are cached in a folder of this run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_COLOR="1", LOSSDRILL_CACHE=os.path.join(workdir, "cache"))
    script = Path(sys.executable).with_name("lossdrill")
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "lossdrill"]
    baseline = [sys.executable, "-c", "import numpy, yaml, rich, typer"]
    check = [*entry, "check", str(Path(args.file).resolve()), "--seed", "1"]
    timed(baseline, workdir, env)  # warm the page cache
    first = timed(check, workdir, env)  # and validate the spec into the cache
    base_times, check_times = [], []
    for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
        base_times.append(timed(baseline, workdir, env))
        check_times.append(timed(check, workdir, env))
    base = statistics.median(base_times)
    chk = statistics.median(check_times)
    ratio = chk / base
    print(f"baseline  python -c 'import numpy, yaml, rich, typer'   median {base * 1000:7.1f} ms")
    print(f"check     lossdrill check {Path(args.file).name:<28} median {chk * 1000:7.1f} ms")
    print(f"ratio     {ratio:.2f}×   (target ≤ {TARGET_RATIO}×: "
          f"{'met' if ratio <= TARGET_RATIO else 'NOT met'})   runs: {args.runs}")
    print(f"first check on a machine (spec validated, then cached): {first * 1000:.1f} ms, "
          "one run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
