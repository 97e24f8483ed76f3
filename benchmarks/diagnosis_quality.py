"""How well the diagnosis names mistakes it was not written against: the held-out learners.

Runs `lossdrill check FILE --json --seed 1` on every file of tests/learners/heldout/, several
at a time, and judges the diagnoses by the rules of tests/learners/heldout/MANIFEST.md (an
expected id per file, the ids accepted as naming it, the symptom ids that are never false).
Prints, per exercise and in total, for the single-mistake set and the real-world set apart:
how many files fail (all must), the share named, the share told only `wrong-value`, and the
number of false diagnoses; and how many correct files pass (all must).

    python benchmarks/diagnosis_quality.py [--exercise ex5] [--json] [--details] [--jobs N]

Exit status: 0 when every file that must fail fails and every correct file passes, whatever
the shares; 1 when one does not; 2 for bad input (an unknown exercise, a manifest that does not
match the files).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "tests" / "learners" / "heldout"
MANIFEST = HELDOUT / "MANIFEST.md"
SETS = ("single", "real", "correct")
HARD_LIMIT = 180.0  # seconds for one check; a check still running then counts as a crash
HEADER = re.compile(r"# heldout: (\S+) — \S")


@dataclass(frozen=True)
class Entry:
    """One held-out file as the manifest lists it."""

    exercise: str
    name: str
    expected: str
    also: tuple[str, ...]
    pattern: str = ""  # for a real-world file, the public pattern it reproduces

    @property
    def kind(self) -> str:
        return self.name.split("_", 1)[0]


@dataclass(frozen=True)
class Manifest:
    entries: tuple[Entry, ...]
    symptoms: frozenset[str]
    aliases: dict[str, frozenset[str]]

    def accepted(self, entry: Entry) -> frozenset[str]:
        return (frozenset({entry.expected, *entry.also})
                | self.aliases.get(entry.expected, frozenset()))


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return sections


def _rows(lines: list[str]) -> list[list[str]]:
    """The body rows of the Markdown table in lines, cells stripped."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in lines if line.startswith("|")]
    return rows[2:]  # past the header and the |---| line


def load_manifest(path: Path = MANIFEST) -> Manifest:
    sections = _sections(path.read_text(encoding="utf-8"))
    symptoms = frozenset(re.findall(r"[a-z0-9-]+", " ".join(sections.get("Symptom ids", []))))
    aliases = {row[0]: frozenset(a for a in re.split(r"[,\s]+", row[1]) if a)
               for row in _rows(sections.get("Accepted names", []))}
    entries = []
    for title, lines in sections.items():
        if re.fullmatch(r"ex\d+", title):
            for row in _rows(lines):
                if len(row) != 4:
                    raise ValueError(f"{path.name}, section {title}: the row {row} needs 4 cells "
                                     "(file, expected, also accepted, public pattern)")
                also = tuple(a for a in re.split(r"[,\s]+", row[2]) if a)
                entries.append(Entry(title, row[0], row[1], also, row[3]))
    return Manifest(tuple(entries), symptoms, aliases)


def inventory_problems(manifest: Manifest, root: Path = HELDOUT) -> list[str]:
    """Everything that makes the manifest and the files under root disagree, one line each."""
    problems = []
    listed = {(e.exercise, e.name) for e in manifest.entries}
    if len(listed) != len(manifest.entries):
        problems.append("a file is listed twice in the manifest")
    present = {(p.parent.name, p.name) for p in root.glob("*/*.py")}
    for exercise, name in sorted(present - listed):
        problems.append(f"{exercise}/{name} is not in the manifest")
    for exercise, name in sorted(listed - present):
        problems.append(f"{exercise}/{name} is in the manifest but there is no such file")
    for entry in manifest.entries:
        where = f"{entry.exercise}/{entry.name}"
        if entry.kind not in SETS:
            problems.append(f"{where}: the name must start with single_, real_ or correct_")
        if (entry.kind == "correct") != (entry.expected == "correct"):
            problems.append(f"{where}: only correct_ files expect 'correct'")
        if (entry.kind == "real") != bool(entry.pattern):
            problems.append(f"{where}: a real_ file, and only one, describes its public pattern")
        path = root / entry.exercise / entry.name
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()[:2] + ["", ""]
        if lines[0].strip() != f"# lossdrill: {entry.exercise}":
            problems.append(f"{where}: the first line must be '# lossdrill: {entry.exercise}'")
        match = HEADER.match(lines[1])
        if not match:
            problems.append(f"{where}: the second line must be '# heldout: <id> — <mistake>'")
        elif match.group(1) != entry.expected:
            problems.append(f"{where}: the header expects {match.group(1)!r}, the manifest "
                            f"{entry.expected!r}")
    return problems


# -- running and judging -------------------------------------------------------------------------


def run_check(path: Path, seed: int, home: Path, cache: Path) -> dict[str, Any]:
    """This checkout's `lossdrill check --json`, as a learner's shell runs it: in a home of
    its own (progress is recorded there), with a spec cache shared by the run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOSSDRILL_", "XDG_"))}
    env.update(PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
               HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"), XDG_CONFIG_HOME=str(home / "config"),
               LOSSDRILL_CACHE=str(cache), NO_COLOR="1")
    home.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "lossdrill", "check", str(path), "--json",
               "--seed", str(seed)]
    try:
        done = subprocess.run(command, cwd=home, env=env, capture_output=True, text=True,
                              timeout=HARD_LIMIT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return {"status": "crash", "why": f"still running after {HARD_LIMIT:.0f}s"}
    try:
        doc = json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"status": "crash",
                "why": f"exit {done.returncode}, no JSON: {done.stderr.strip()[-300:]}"}
    return doc if isinstance(doc, dict) else {"status": "crash", "why": "JSON is not an object"}


@dataclass
class Verdict:
    entry: Entry
    status: str
    ids: list[str]
    named: bool = False
    wrong_value_only: bool = False
    false_ids: list[str] = field(default_factory=list)
    why: str = ""

    @property
    def as_expected(self) -> bool:
        if self.entry.kind == "correct":
            return self.status == "passed"
        return self.status in ("failed", "error")


def judge(entry: Entry, doc: dict[str, Any], manifest: Manifest) -> Verdict:
    ids = [str(d.get("id")) for d in doc.get("diagnoses", []) if isinstance(d, dict)]
    verdict = Verdict(entry, str(doc.get("status")), ids, why=str(doc.get("why", "")))
    if entry.kind == "correct" or verdict.status not in ("failed", "error"):
        return verdict
    accepted = manifest.accepted(entry)
    verdict.named = any(i in accepted for i in ids)
    verdict.wrong_value_only = bool(ids) and not verdict.named and set(ids) == {"wrong-value"}
    verdict.false_ids = [i for i in ids if i not in accepted and i not in manifest.symptoms]
    return verdict


def tally(verdicts: list[Verdict]) -> dict[str, Any]:
    """The figures of one set of files."""
    return {
        "files": len(verdicts),
        "fail": sum(v.status in ("failed", "error") for v in verdicts),
        "pass": sum(v.status == "passed" for v in verdicts),
        "named": sum(v.named for v in verdicts),
        "wrong_value_only": sum(v.wrong_value_only for v in verdicts),
        "false": sum(len(v.false_ids) for v in verdicts),
    }


def report(verdicts: list[Verdict], exercises: list[str]) -> dict[str, Any]:
    def block(vs: list[Verdict]) -> dict[str, Any]:
        return {kind: tally([v for v in vs if v.entry.kind == kind]) for kind in SETS}

    return {
        "exercises": {ex: block([v for v in verdicts if v.entry.exercise == ex])
                      for ex in exercises},
        "total": block(verdicts),
    }


# -- output --------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:3.0f}%" if whole else "—"


def _set_cells(t: dict[str, Any]) -> list[str]:
    if not t["files"]:
        return ["—"] * 5
    return [str(t["files"]), str(t["fail"]), _share(t["named"], t["fail"]),
            _share(t["wrong_value_only"], t["fail"]), str(t["false"])]


def print_table(figures: dict[str, Any], seed: int) -> None:
    print(f"Diagnosis quality on the held-out learners (lossdrill check --seed {seed})\n")
    head = ["files", "fail", "named", "wrong-value only", "false"]
    widths = [9, 6, 5, 13, 18, 6]
    print("".ljust(widths[0]) + "single-mistake files".ljust(sum(widths[1:])) + "  "
          + "real-world files".ljust(sum(widths[1:])) + "  correct")
    print("exercise".ljust(widths[0])
          + "".join(h.ljust(w) for h, w in zip(head, widths[1:], strict=True)) + "  "
          + "".join(h.ljust(w) for h, w in zip(head, widths[1:], strict=True)) + "  pass")
    rows = [*figures["exercises"].items(), ("total", figures["total"])]
    for name, block in rows:
        if name == "total":
            print("-" * (widths[0] + 2 * sum(widths[1:]) + 10))
        correct = block["correct"]
        print(name.ljust(widths[0])
              + "".join(c.ljust(w) for c, w in zip(_set_cells(block["single"]), widths[1:],
                                                     strict=True)) + "  "
              + "".join(c.ljust(w) for c, w in zip(_set_cells(block["real"]), widths[1:],
                                                     strict=True)) + "  "
              + f"{correct['pass']}/{correct['files']}")
    print("\nnamed: a diagnosis id accepted for the file's mistake (MANIFEST.md); shares are of "
          "the failing files.\nfalse: diagnoses naming a mistake the file does not make.")


def print_findings(verdicts: list[Verdict], details: bool) -> None:
    broken = [v for v in verdicts if not v.as_expected]
    if broken:
        print("\nNot as expected:")
        for v in broken:
            want = "pass" if v.entry.kind == "correct" else "fail"
            print(f"  {v.entry.exercise}/{v.entry.name}: must {want}, got {v.status} "
                  f"{v.ids} {v.why}".rstrip())
    false = [v for v in verdicts if v.false_ids]
    if false:
        print("\nFalse diagnoses:")
        for v in false:
            print(f"  {v.entry.exercise}/{v.entry.name} ({v.entry.expected}): "
                  f"{', '.join(v.false_ids)}")
    if details:
        unnamed = [v for v in verdicts if v.entry.kind != "correct" and v.as_expected
                   and not v.named]
        print("\nNot named:")
        for v in unnamed:
            print(f"  {v.entry.exercise}/{v.entry.name}: expected {v.entry.expected}, "
                  f"got {v.ids or 'no diagnosis'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", help="only this exercise (e.g. ex5)")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument("--details", action="store_true", help="list every unnamed file")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                        help="checks run at once (default: the number of cores)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        manifest = load_manifest()
    except (OSError, ValueError) as exc:
        print(f"error: {MANIFEST}: {exc}", file=sys.stderr)
        return 2
    problems = inventory_problems(manifest)
    if problems:
        print(f"error: {MANIFEST} does not match the files: {problems[0]} (fix the manifest "
              f"or the file; {len(problems)} problem(s) in all)", file=sys.stderr)
        return 2
    exercises = sorted({e.exercise for e in manifest.entries}, key=lambda x: int(x[2:]))
    if args.exercise is not None:
        if args.exercise not in exercises:
            print(f"error: unknown exercise {args.exercise!r}: the held-out set has "
                  f"{exercises[0]} … {exercises[-1]}", file=sys.stderr)
            return 2
        exercises = [args.exercise]
    entries = [e for e in manifest.entries if e.exercise in exercises]
    with tempfile.TemporaryDirectory(prefix="lossdrill-heldout-") as tmp, \
            ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        docs = list(pool.map(
            lambda ie: run_check(HELDOUT / ie[1].exercise / ie[1].name, args.seed,
                                 Path(tmp) / str(ie[0]),
                                 Path(tmp) / "cache"),
            enumerate(entries)))
    verdicts = [judge(e, d, manifest) for e, d in zip(entries, docs, strict=True)]
    figures = report(verdicts, exercises)
    if args.json:
        files = [{"exercise": v.entry.exercise, "file": v.entry.name, "set": v.entry.kind,
                  "expected": v.entry.expected, "accepted": sorted(manifest.accepted(v.entry)),
                  "status": v.status, "diagnoses": v.ids, "named": v.named,
                  "wrong_value_only": v.wrong_value_only, "false": v.false_ids}
                 for v in verdicts]
        print(json.dumps({"seed": args.seed, **figures, "files": files}, indent=1))
    else:
        print_table(figures, args.seed)
        print_findings(verdicts, args.details)
    return 0 if all(v.as_expected for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
