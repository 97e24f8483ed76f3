"""Time the similarity report of `lossdrill grade --similar` (winnowed fingerprints and an
index from fingerprint to submissions) against the pairwise method it replaced (difflib's
ratio over every pair of token streams), measured in the same run on the same files:

1. two colluding submissions of 4,000 lines each: the second is the first with every name
   changed, its functions in another order, its comments rewritten and its docstrings gone;
2. a class of 500 submissions, each its own code, among which some colluding pairs
   (disguised as above), some untouched starters and some answers of one line that many
   students wrote alike.

The pairwise method runs in a child process with a time budget (--old-budget): if it does
not finish, its time is reported as "more than" the budget, and the ratio as at least the
budget over the new method's time.

    python benchmarks/similarity.py
    python benchmarks/similarity.py --lines 4000 --students 500 --old-budget 600
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import keyword
import random
import re
import subprocess
import sys
import tempfile
import time
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lossdrill.classroom.similar import find_similar  # noqa: E402

THRESHOLD = 0.95
STARTER = ('# lossdrill: ex9\n"""Implement the loss below."""\nimport numpy as np\n\n\n'
           'def loss(y_true, y_pred):\n    """The loss."""\n    raise NotImplementedError\n')
ONE_LINER = ("import numpy as np\n\n\ndef loss(y_true, y_pred):\n"
             "    return np.mean((y_pred - y_true) ** 2)\n")
WORDS = ("total", "count", "scale", "grad", "delta", "mask", "probs", "logits", "labels",
         "margin", "weights", "bias", "eps", "acc", "norm", "err", "step", "rate", "batch")
CALLS = ("np.mean", "np.sum", "np.exp", "np.log", "np.maximum", "np.clip", "np.sqrt",
         "np.abs", "np.where", "np.dot", "np.minimum", "np.log1p", "len", "float", "max")
OPS = ("+", "-", "*", "/", "**")
COMPARE = ("<", ">", "<=", ">=", "==", "!=")

# --- the pairwise method lossdrill used before, unchanged ------------------------------------

_DROP = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}


def old_normalise(source: str) -> list[str]:
    tokens: list[str] = []
    previous = tokenize.NEWLINE
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in _DROP:
                continue
            if tok.type == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT,
                                                            tokenize.DEDENT):
                previous = -1
                continue
            if previous == -1 and tok.type == tokenize.NEWLINE:
                previous = tokenize.NEWLINE
                continue
            previous = tok.type
            if tok.type == tokenize.NAME and not keyword.iskeyword(tok.string):
                tokens.append("N")
            else:
                tokens.append(tok.string if tok.type != tokenize.NEWLINE else ";")
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source.split()
    return tokens


def _old_ratio(a: list[str], b: list[str], threshold: float) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    return matcher.ratio()


def old_pairs(files: dict[str, Path], starter: str, threshold: float) -> list[tuple[str, str]]:
    start = old_normalise(starter)
    streams = []
    for student, path in sorted(files.items()):
        tokens = old_normalise(path.read_text(encoding="utf-8", errors="replace"))
        if len(tokens) < 5 or _old_ratio(tokens, start, threshold) >= threshold:
            continue
        streams.append((student, tokens))
    pairs = []
    for i, (first, a) in enumerate(streams):
        for second, b in streams[i + 1:]:
            if (1.0 if a == b else _old_ratio(a, b, threshold)) >= threshold:
                pairs.append((first, second))
    return pairs


# --- generated code ---------------------------------------------------------------------------

def _expr(rng: random.Random, names: list[str], depth: int) -> str:
    roll = rng.random()
    if depth <= 0 or roll < 0.3:
        return rng.choice(names) if rng.random() < 0.75 else str(rng.randint(0, 9))
    if roll < 0.6:
        text = f"{_expr(rng, names, depth - 1)} {rng.choice(OPS)} {_expr(rng, names, depth - 1)}"
        return f"({text})" if rng.random() < 0.5 else text
    if roll < 0.85:
        args = ", ".join(_expr(rng, names, depth - 1) for _ in range(rng.randint(1, 2)))
        return f"{rng.choice(CALLS)}({args})"
    return f"{rng.choice(names)}[{_expr(rng, names, depth - 1)}]"


def _body(rng: random.Random, names: list[str], indent: str, statements: int) -> list[str]:
    lines: list[str] = []
    for _ in range(statements):
        roll = rng.random()
        target = rng.choice(names)
        if roll < 0.1:
            lines.append(f"{indent}# {rng.choice(WORDS)} then {rng.choice(WORDS)}")
        elif roll < 0.45:
            lines.append(f"{indent}{target} = {_expr(rng, names, 3)}")
        elif roll < 0.6:
            lines.append(f"{indent}{target} {rng.choice(OPS[:3])}= {_expr(rng, names, 2)}")
        elif roll < 0.8:
            lines.append(f"{indent}if {_expr(rng, names, 1)} {rng.choice(COMPARE)} "
                         f"{_expr(rng, names, 1)}:")
            lines += _body(rng, names, indent + "    ", rng.randint(1, 2))
        else:
            lines.append(f"{indent}for {target} in range({_expr(rng, names, 1)}):")
            lines += _body(rng, names, indent + "    ", rng.randint(1, 2))
    return lines


def make_file(rng: random.Random, prefix: str, lines: int) -> str:
    """A module of functions, about ``lines`` long; its names all start with ``prefix``."""
    out = ['"""Generated losses."""', "import numpy as np", ""]
    n = 0
    while len(out) < lines:
        names = [f"{prefix}{w}" for w in rng.sample(WORDS, 5)]
        out += ["", f"def {prefix}fn{n}({', '.join(names[:3])}):",
                f'    """Step {n} of the {rng.choice(WORDS)}."""']
        out += _body(rng, names, "    ", rng.randint(6, 12))
        out.append(f"    return {_expr(rng, names, 2)}")
        n += 1
    return "\n".join(out) + "\n"


def disguise(source: str, prefix: str, rng: random.Random) -> str:
    """The same code with every generated name changed, functions reordered, comments
    rewritten and docstrings removed."""
    renamed = re.sub(rf"\b{prefix}(\w+)", lambda m: f"v_{m.group(1)[::-1]}", source)
    head, *functions = re.split(r"\n\n(?=def )", renamed)
    rng.shuffle(functions)
    text = "\n\n\n".join([head.replace('"""Generated losses."""', "# my work"), *functions])
    text = re.sub(r"#.*", "# checked by hand", text)
    return re.sub(r'\n\s*""".*?"""', "", text)


# --- cases ------------------------------------------------------------------------------------

def make_pair(root: Path, lines: int, seed: int) -> tuple[dict[str, Path], set[tuple[str, str]]]:
    rng = random.Random(seed)
    original = make_file(rng, "a_", lines)
    files = {"alice": root / "alice.py", "bruno": root / "bruno.py"}
    files["alice"].write_text(original)
    files["bruno"].write_text(disguise(original, "a_", rng))
    return files, {("alice", "bruno")}


def make_class(root: Path, students: int, seed: int
               ) -> tuple[dict[str, Path], set[tuple[str, str]]]:
    rng = random.Random(seed)
    files, planted = {}, set()
    for i in range(students):
        name = f"s{i:03d}"
        path = files[name] = root / f"{name}.py"
        if i % 50 == 1:  # a colluding pair: this student's file disguised by the next
            continue
        if i % 50 == 0:
            original = make_file(rng, f"p{i}_", rng.randint(30, 80))
            path.write_text(original)
            following = f"s{i + 1:03d}"
            files[following] = root / f"{following}.py"
            files[following].write_text(disguise(original, f"p{i}_", rng))
            planted.add((name, following))
        elif i % 25 == 3:
            path.write_text(STARTER)
        elif i % 10 == 5:
            path.write_text(ONE_LINER.replace("y_pred", rng.choice(WORDS)))
        else:
            path.write_text(make_file(rng, f"p{i}_", rng.randint(30, 80)))
    return files, planted


def _time_old(case: Path, budget: float) -> tuple[float | None, list[tuple[str, str]]]:
    """The pairwise method on the case's files, in a child with a time budget."""
    try:
        run = subprocess.run([sys.executable, __file__, "--old-only", str(case)],
                             capture_output=True, text=True, timeout=budget, check=True)
    except subprocess.TimeoutExpired:
        return None, []
    found = json.loads(run.stdout)
    return found["seconds"], [tuple(p) for p in found["pairs"]]


def _files(case: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(case.glob("*.py"))}


def _run_old_only(case: Path) -> None:
    started = time.perf_counter()
    pairs = old_pairs(_files(case), STARTER, THRESHOLD)
    print(json.dumps({"seconds": time.perf_counter() - started, "pairs": pairs}))


def measure(title: str, case: Path, planted: set[tuple[str, str]], budget: float) -> None:
    files = _files(case)
    started = time.perf_counter()
    found = find_similar({"ex9": files}, {"ex9": STARTER}, None, THRESHOLD)
    new = time.perf_counter() - started
    ranks = {(p.first, p.second): i for i, p in enumerate(found.pairs, 1)}
    old, old_found = _time_old(case, budget)
    lines = sum(p.read_text().count("\n") for p in files.values())
    print(f"{title}: {len(files)} files, {lines:,} lines in all")
    print(f"  new  {new:8.2f} s   {len(found.pairs):5} pairs reported, planted found "
          f"{sum(p in ranks for p in planted)}/{len(planted)}, at ranks "
          f"{sorted(ranks[p] for p in planted if p in ranks)}")
    if old is None:
        print(f"  old  > {budget:6.0f} s   stopped at the budget: at least "
              f"{budget / new:,.0f}× the new method's time")
    else:
        print(f"  old  {old:8.2f} s   {len(old_found):5} pairs reported, planted found "
              f"{len(planted & set(old_found))}/{len(planted)}")
        print(f"  ratio old/new: {old / new:,.1f}×")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=4000)
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--old-budget", type=float, default=600.0,
                        help="seconds the pairwise method may take on each case")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--old-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.old_only:
        _run_old_only(args.old_only)
        return 0
    with tempfile.TemporaryDirectory(prefix="lossdrill-similar-") as tmp:
        pair, klass = Path(tmp) / "pair", Path(tmp) / "class"
        pair.mkdir()
        klass.mkdir()
        _, planted = make_pair(pair, args.lines, args.seed)
        measure(f"two colluding submissions of {args.lines} lines", pair, planted,
                args.old_budget)
        _, planted = make_class(klass, args.students, args.seed)
        measure(f"a class of {args.students}", klass, planted, args.old_budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
