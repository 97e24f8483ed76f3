"""How long a learner waits: `lossdrill check` from a cold start, against a baseline.

The baseline, measured in the same run, is starting Python and importing what any NumPy
command-line tool imports: `python -c "import numpy, yaml, rich, typer"`. The target is a
check within 1.25× of it. Prints the medians of repeated runs and the ratio.

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
    env = {**os.environ, "NO_COLOR": "1"}
    baseline = [sys.executable, "-c", "import numpy, yaml, rich, typer"]
    check = [sys.executable, "-m", "lossdrill", "check", str(Path(args.file).resolve()),
             "--seed", "1"]
    for argv in (baseline, check):  # warm the page cache and any on-disk caches
        timed(argv, workdir, env)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
